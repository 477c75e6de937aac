import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.ts';
import { seededSids } from './sid-generator.ts';

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

describe('seeded SIDs', () => {
  it('are Twilio-shaped, distinct, and the same for the same seed', () => {
    const one = seededSids(5);
    const two = seededSids(5);
    const sids = Array.from({ length: 100 }, () => one.next('FN'));
    expect(sids.every((sid) => /^FN[0-9a-f]{32}$/.test(sid))).toBe(true);
    expect(new Set(sids).size).toBe(100);
    expect(Array.from({ length: 100 }, () => two.next('FN'))).toEqual(sids);
    expect(seededSids(6).next('FN')).not.toBe(sids[0]);
  });
});
