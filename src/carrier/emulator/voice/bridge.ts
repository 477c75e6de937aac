import type { CallLeg, InputKind, LegInput } from './call-leg.ts';

/**
 * Two legs connected to each other. Each side holds the bridge until one leaves (hangs up, or
 * is hung up); the other side then carries on with its TwiML.
 */
export class Bridge {
  private leftBy?: CallLeg;
  private readonly waiters: Array<(leftBy: CallLeg) => void> = [];

  constructor(
    readonly first: CallLeg,
    readonly second: CallLeg,
    readonly startedAt: number,
  ) {
    first.hear('bridged', { with: second.sid, to: second.record.to });
    second.hear('bridged', { with: first.sid, to: first.record.from });
  }

  get ended(): boolean {
    return this.leftBy !== undefined;
  }

  /** Holds `leg` in the bridge; resolves with the leg that left first. Input goes to `onInput`. */
  async hold(leg: CallLeg, accepts: InputKind[] = [], onInput?: (input: LegInput) => void): Promise<CallLeg> {
    try {
      return await leg.park<CallLeg>('bridge', accepts, (finish) => {
        if (this.leftBy) finish(this.leftBy);
        else this.waiters.push(finish);
        return { onInput };
      });
    } catch (error) {
      this.leave(leg);
      throw error;
    }
  }

  leave(leg: CallLeg): void {
    if (this.leftBy) return;
    this.leftBy = leg;
    for (const side of [this.first, this.second]) if (!side.ended) side.hear('unbridged', { leftBy: leg.sid });
    for (const wake of this.waiters.splice(0)) wake(leg);
  }
}
