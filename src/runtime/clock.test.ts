import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';

describe('virtual clock', () => {
  it('moves only when told to', () => {
    const clock = new VirtualClock('2026-01-01T00:00:00Z');
    expect(clock.now()).toBe(Date.parse('2026-01-01T00:00:00Z'));
    clock.advance(90);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:01:30.000Z');
    clock.advanceTo(0);
    expect(new Date(clock.now()).toISOString()).toBe('2026-01-01T00:01:30.000Z');
  });

  it.each([-1, Number.NaN, Infinity])('refuses to move by %s', (seconds) => {
    expect(() => new VirtualClock().advance(seconds)).toThrow(RangeError);
  });
});
