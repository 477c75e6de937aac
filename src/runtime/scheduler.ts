/**
 * Timers on the server's clock. Under the system clock they are ordinary timeouts; under the
 * virtual clock they fire only when the clock is moved past them, in order, so that a test
 * advances time instead of waiting for it.
 */
export interface Scheduler {
  /** Runs `task` once the clock reaches `due` (ms since the epoch). Returns a cancel function. */
  at(due: number, task: () => void): () => void;
}

export const systemScheduler: Scheduler = {
  at(due, task) {
    const timer = setTimeout(task, Math.max(0, due - Date.now()));
    return () => clearTimeout(timer);
  },
};

interface Timer {
  due: number;
  order: number;
  task: () => void;
}

export class VirtualScheduler implements Scheduler {
  private timers: Timer[] = [];
  private scheduled = 0;

  at(due: number, task: () => void): () => void {
    const timer = { due, order: this.scheduled++, task };
    // Kept sorted by due time, then by the order they were set, so equal times fire first-set first.
    const index = this.timers.findIndex((other) => other.due > due);
    this.timers.splice(index === -1 ? this.timers.length : index, 0, timer);
    return () => {
      this.timers = this.timers.filter((other) => other !== timer);
    };
  }

  /** When the earliest timer is due, if any is set. */
  nextDue(): number | undefined {
    return this.timers[0]?.due;
  }

  /** Runs every timer due at or before `now`, earliest first; returns how many ran. */
  runDue(now: number): number {
    let ran = 0;
    while (this.timers.length > 0 && this.timers[0].due <= now) {
      const timer = this.timers.shift() as Timer;
      timer.task();
      ran++;
    }
    return ran;
  }
}
