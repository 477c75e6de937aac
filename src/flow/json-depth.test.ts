import { describe, expect, it } from 'vitest';
import { maxJsonDepth, nestsDeeperThan } from './json-depth.ts';

const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels)) as unknown;

describe('nestsDeeperThan', () => {
  it('allows exactly the limit and refuses one level more', () => {
    expect(nestsDeeperThan(nested(maxJsonDepth))).toBe(false);
    expect(nestsDeeperThan(nested(maxJsonDepth + 1))).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
  });

  it('counts no depth for plain values', () => {
    for (const value of [null, 1, 'text', true, undefined]) expect(nestsDeeperThan(value, 0)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
  });

  it('walks JSON nested 200,000 deep without overflowing the stack', () => {
    expect(nestsDeeperThan(nested(200_000))).toBe(true);
  });
});
