import type { Clock } from '../engine/services.ts';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to, so that timeouts fire on demand and runs replay exactly. */
export class VirtualClock implements Clock {
  private current: number;

  constructor(start: number | string = '2026-01-01T00:00:00Z') {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.current;
  }

  advance(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('the clock only moves forward, by a finite number of seconds');
    this.current += seconds * 1000;
    return this.current;
  }

  /**
   * Sets the time, earlier or later. Only for a network with nothing pending: `switchboard test`
   * starts every test at the same moment so that each test runs the same alone or among others.
   */
  reset(time: number): void {
    this.current = time;
  }

  /** Moves to `time` if it is later than now. */
  advanceTo(time: number): number {
    this.current = Math.max(this.current, time);
    return this.current;
  }
}
