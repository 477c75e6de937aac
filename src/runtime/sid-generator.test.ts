import { describe, expect, it } from 'vitest';
import { randomSids, seededSids } from './sid-generator.ts';

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

describe('random SIDs', () => {
  it('are Twilio-shaped, distinct, and sort in the order they were made', () => {
    const sids = Array.from({ length: 1000 }, () => randomSids.next('SM'));
    expect(sids.every((sid) => /^SM[0-9a-f]{32}$/.test(sid))).toBe(true);
    expect(new Set(sids).size).toBe(1000);
    // Sorted by their time part, they keep the order they were made in.
    expect(sids.map((sid) => sid.slice(2, 14))).toEqual(sids.map((sid) => sid.slice(2, 14)).sort());
  });
});
