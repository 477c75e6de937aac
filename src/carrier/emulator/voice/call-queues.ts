import { isoNow, type Clock, type SidGenerator } from '../../../engine/services.ts';
import type { Bridge } from './bridge.ts';
import type { CallLeg } from './call-leg.ts';

/** A <Dial><Queue> taking a caller off the queue: who dials, the bridge to join, and the `url` to play first. */
export interface Dequeue {
  dialer: CallLeg;
  bridge: Bridge;
  url?: { url: string; method: string };
}

export interface QueueMember {
  leg: CallLeg;
  enqueuedAt: number;
  /** Set when a dialer takes this caller. */
  dequeue?: Dequeue;
}

export class CallQueue {
  readonly members: QueueMember[] = [];
  private readonly dialers: Array<(member: QueueMember) => boolean> = [];
  /** Seconds callers waited before they were taken, for AvgQueueTime. */
  private waited: number[] = [];

  constructor(
    readonly sid: string,
    readonly accountSid: string,
    readonly name: string,
    /** ISO time it was made (on first use). */
    readonly dateCreated: string,
  ) {}

  /** Adds a caller; a dialer already waiting takes it at once. */
  add(member: QueueMember): void {
    this.members.push(member);
    while (this.dialers.length > 0) {
      const take = this.dialers.shift() as (member: QueueMember) => boolean;
      if (take(member)) return;
    }
  }

  remove(leg: CallLeg): void {
    const index = this.members.findIndex((member) => member.leg === leg);
    if (index >= 0) this.members.splice(index, 1);
  }

  position(leg: CallLeg): number {
    return this.members.findIndex((member) => member.leg === leg) + 1;
  }

  /** Takes the longest-waiting caller now, if any. */
  takeFirst(now: number): QueueMember | undefined {
    const member = this.members.shift();
    if (member) this.waited.push((now - member.enqueuedAt) / 1000);
    return member;
  }

  /** Calls `take` with the next caller to arrive; `take` returns false if it no longer wants one. */
  whenMemberArrives(take: (member: QueueMember) => boolean): () => void {
    this.dialers.push(take);
    return () => {
      const index = this.dialers.indexOf(take);
      if (index >= 0) this.dialers.splice(index, 1);
    };
  }

  averageWait(): number {
    return this.waited.length === 0 ? 0 : Math.round(this.waited.reduce((sum, seconds) => sum + seconds, 0) / this.waited.length);
  }
}

/** The account's queues, made on first use as Twilio makes them. */
export class CallQueues {
  private readonly queues = new Map<string, CallQueue>();

  constructor(
    private readonly sids: SidGenerator,
    private readonly clock: Clock,
  ) {}

  get(accountSid: string, name: string): CallQueue {
    const key = `${accountSid}/${name}`;
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = new CallQueue(this.sids.next('QU'), accountSid, name, isoNow(this.clock))));
    return queue;
  }

  /** The account's queues, oldest first, for the Queues API. */
  list(accountSid: string): CallQueue[] {
    return [...this.queues.values()].filter((queue) => queue.accountSid === accountSid);
  }
}
