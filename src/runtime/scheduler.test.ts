import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from './scheduler.ts';

describe('VirtualScheduler', () => {
  it('runs due timers in time order, equal times in the order they were set', () => {
    const scheduler = new VirtualScheduler();
    const ran: string[] = [];
    scheduler.at(300, () => ran.push('c'));
    scheduler.at(100, () => ran.push('a'));
    scheduler.at(100, () => ran.push('b'));
    expect(scheduler.nextDue()).toBe(100);
    expect(scheduler.runDue(200)).toBe(2);
    expect(ran).toEqual(['a', 'b']);
    expect(scheduler.nextDue()).toBe(300);
  });

  it('forgets a cancelled timer', () => {
    const scheduler = new VirtualScheduler();
    const ran: string[] = [];
    const cancel = scheduler.at(100, () => ran.push('cancelled'));
    scheduler.at(100, () => ran.push('kept'));
    cancel();
    scheduler.runDue(1000);
    expect(ran).toEqual(['kept']);
    expect(scheduler.nextDue()).toBeUndefined();
  });

  it('runs a timer that a running timer sets for a time already reached', () => {
    const scheduler = new VirtualScheduler();
    const ran: string[] = [];
    scheduler.at(100, () => scheduler.at(150, () => ran.push('chained')));
    scheduler.runDue(200);
    expect(ran).toEqual(['chained']);
  });
});
