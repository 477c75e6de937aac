import { describe, expect, it } from 'vitest';
import { newestFirst } from './recent-activity.ts';

const item = (sid: string, date: string, status = 'queued') => ({ sid, date_created: date, status });

describe('newestFirst', () => {
  it('merges lists newest first, reading Twilio RFC 2822 dates', () => {
    const to = [item('SM2', 'Sun, 22 Nov 2026 04:50:14 +0000'), item('SM1', 'Sun, 22 Nov 2026 04:50:12 +0000')];
    const from = [item('SM3', 'Mon, 23 Nov 2026 01:00:00 +0000')];
    expect(newestFirst(to, from).map((each) => each.sid)).toEqual(['SM3', 'SM2', 'SM1']);
  });

  it('keeps one item per SID, the one from the first list', () => {
    const listed = [item('SM1', 'Sun, 22 Nov 2026 04:50:12 +0000', 'queued')];
    const live = [item('SM1', 'Sun, 22 Nov 2026 04:50:12 +0000', 'delivered')];
    expect(newestFirst(live, listed)).toEqual([item('SM1', 'Sun, 22 Nov 2026 04:50:12 +0000', 'delivered')]);
  });

  it('puts the first lists first among items of the same second', () => {
    const same = 'Sun, 22 Nov 2026 04:50:12 +0000';
    expect(newestFirst([item('SM9', same)], [item('SM1', same), item('SM5', same)]).map((each) => each.sid)).toEqual(['SM9', 'SM1', 'SM5']);
  });
});
