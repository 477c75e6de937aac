/**
 * Counts the work under way in the voice network: call legs that are running (fetching TwiML,
 * carrying out verbs) rather than parked on a timer or on input, and callbacks being sent.
 * `idle()` resolves when nothing is under way, which is when virtual time may move on.
 */
export class Activity {
  private running = 0;
  private waiters: Array<() => void> = [];

  begin(): void {
    this.running++;
  }

  end(): void {
    this.running--;
    if (this.running > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Counts `work` as under way until it settles. */
  track<T>(work: () => Promise<T>): Promise<T> {
    this.begin();
    return work().finally(() => this.end());
  }

  /** Resolves once nothing is under way, letting a turn of the event loop pass so that chained work can begin. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running > 0) await new Promise<void>((wake) => this.waiters.push(wake));
      await new Promise((resolve) => setImmediate(resolve));
      if (this.running === 0) return;
    }
  }
}
