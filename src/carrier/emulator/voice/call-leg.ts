import type { AccountRecord, CallEvent, CallRecord, CallStatus } from '../../../store/records.ts';
import type { MediaStream } from './media-stream.ts';

/** Where a leg's next TwiML comes from: a URL to request, or a document given inline. */
export type TwimlSource = { url: string; method: string; extra?: Record<string, string> } | { twiml: string };

/** Something that stops what a leg is doing: the call ends, or (REST update) new TwiML takes over. */
export type Interruption =
  | { kind: 'hangup'; status: CallStatus }
  | { kind: 'redirect'; source: TwimlSource }
  /** A queued caller is taken off its queue by a <Dial><Queue>. */
  | { kind: 'dequeued' };

export class LegInterrupted extends Error {
  constructor(readonly interruption: Interruption) {
    super(`the call was interrupted: ${interruption.kind}`);
  }
}

/** What a handset or client sends into a call. */
export interface LegInput {
  digits?: string;
  speech?: string;
  /** Text standing for recorded audio. */
  recording?: string;
  recordingSeconds?: number;
  /** The handset hangs up right after the recording (Twilio then tells the Record action `Digits=hangup`). */
  hangUpAfter?: boolean;
  /** For a ringing leg: the handset or client picks up, or declines. */
  answer?: 'accept' | 'reject';
  /** For a ringing leg whose far end is another call (a platform number's): how that call went. */
  farOutcome?: 'answered' | 'busy' | 'failed' | 'no-answer';
}

export type InputKind = 'digits' | 'speech' | 'recording' | 'answer';

export interface StatusCallbackSettings {
  url: string;
  method: string;
  /** initiated, ringing, answered, completed. */
  events: Set<string>;
}

interface ParkedWait {
  kind: string;
  accepts: ReadonlySet<InputKind>;
  onInput(input: LegInput): void;
  fail(error: LegInterrupted): void;
}

/** What the leg needs from the network around it. */
export interface LegHost {
  /** Counts the leg as parked (`false`) or running again (`true`). */
  setRunning(running: boolean): void;
  /** Runs `task` after `seconds` on the server's clock; returns a cancel function. */
  after(seconds: number, task: () => void): () => void;
  now(): string;
  eventAdded(leg: CallLeg, event: CallEvent): void;
  parked(leg: CallLeg): void;
}

/**
 * One live call leg: its record, the transcript of what it heard and did, and the one thing it
 * is waiting for. Waiting is explicit (`park`), so that input, timers, hangups and REST
 * redirects all reach the leg the same way.
 */
export class CallLeg {
  /** Events not yet written to the store. */
  unsavedEvents: CallEvent[] = [];
  /** The latest write of events; once it has committed, every earlier one has too. */
  savingEvents: Promise<void> = Promise.resolve();
  ended = false;
  /** The URL of the TwiML document being carried out, for relative URLs and default actions. */
  documentUrl?: string;
  statusCallback?: StatusCallbackSettings;
  fallback?: { url: string; method: string };
  /** Per-number or per-request parameters added to every TwiML request (a client's custom parameters). */
  extraParams: Record<string, string> = {};
  machineDetection?: string;
  /** The TwiML a leg that is not yet answered will run once it is (a REST update may change it). */
  pendingSource?: TwimlSource;
  /** Counted from 0 for each status callback this leg sends. */
  callbackSequence = 0;
  streams = new Map<string, MediaStream>();
  /** REST `Record=true`: the whole call is recorded, and the recording's URL goes to the completed callback. */
  recordWholeCall = false;
  recordingUrl?: string;
  /** A recording started on the live call (record-call), until it is stopped. */
  recording?: { sid: string; startedAt: string; statusCallback?: string };
  /**
   * The other half of a call between two platform legs: an outbound leg to a platform number
   * and the inbound call it makes on that number. Each ends the other.
   */
  linked?: CallLeg;
  /** How many times the leg has waited for anything; a document that never waits is instant. */
  parkCount = 0;
  private wait?: ParkedWait;
  private interruption?: Interruption;
  private parkWaiters: Array<() => void> = [];
  private endWaiters: Array<() => void> = [];
  private finalized = false;

  constructor(
    public record: CallRecord,
    readonly account: AccountRecord,
    private readonly host: LegHost,
  ) {}

  get sid(): string {
    return this.record.sid;
  }

  /** What the leg is waiting for now, if anything. */
  get waitingFor(): string | undefined {
    return this.wait?.kind;
  }

  accepts(kind: InputKind): boolean {
    return this.wait?.accepts.has(kind) ?? false;
  }

  hear(type: string, fields: Record<string, unknown> = {}): CallEvent {
    const event: CallEvent = { type, at: this.host.now(), ...fields };
    this.unsavedEvents.push(event);
    this.host.eventAdded(this, event);
    return event;
  }

  /**
   * Waits for something: `setup` arms timers and says what to do with input, and calls `finish`
   * with the result. An interruption rejects the wait with LegInterrupted.
   */
  park<T>(
    kind: string,
    accepts: InputKind[],
    setup: (finish: (value: T) => void) => { onInput?: (input: LegInput) => void; cancel?: () => void },
  ): Promise<T> {
    this.checkpoint();
    this.parkCount++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      let handlers: { onInput?: (input: LegInput) => void; cancel?: () => void } = {};
      const settle = () => {
        done = true;
        this.wait = undefined;
        handlers.cancel?.();
        this.host.setRunning(true);
      };
      const finish = (value: T) => {
        if (done) return;
        settle();
        resolve(value);
      };
      this.wait = {
        kind,
        accepts: new Set(accepts),
        onInput: (input) => handlers.onInput?.(input),
        fail: (error) => {
          if (done) return;
          settle();
          reject(error);
        },
      };
      this.host.setRunning(false);
      handlers = setup(finish);
      if (done) handlers.cancel?.();
      this.host.parked(this);
      for (const wake of this.parkWaiters.splice(0)) wake();
    });
  }

  /** Waits `seconds` on the server's clock. */
  pause(kind: string, seconds: number, accepts: InputKind[] = []): Promise<void> {
    return this.park<void>(kind, accepts, (finish) => ({ cancel: this.host.after(seconds, () => finish()) }));
  }

  /** Hands input to what the leg waits for; false when it waits for no such input. */
  deliver(kind: InputKind, input: LegInput): boolean {
    if (!this.wait || !this.wait.accepts.has(kind)) return false;
    this.wait.onInput(input);
    return true;
  }

  /** Stops the current wait (or the next one, if the leg is busy) with an interruption. */
  interrupt(interruption: Interruption): void {
    // A hangup outranks a redirect, and stays: nothing more may run on an ended call.
    if (this.interruption?.kind === 'hangup') return;
    this.interruption = interruption;
    if (this.wait) {
      const wait = this.wait;
      if (interruption.kind !== 'hangup') this.interruption = undefined;
      wait.fail(new LegInterrupted(interruption));
    }
  }

  /** Throws the pending interruption, if any; legs call it after every request they await. */
  checkpoint(): void {
    const pending = this.interruption;
    if (!pending) return;
    if (pending.kind !== 'hangup') this.interruption = undefined;
    throw new LegInterrupted(pending);
  }

  /** Resolves once the leg waits for something, or has ended and its end is stored. */
  whenParked(): Promise<void> {
    if (this.wait || this.finalized) return Promise.resolve();
    return new Promise((resolve) => this.parkWaiters.push(resolve));
  }

  /** Resolves once the leg has ended and its final status is set. */
  whenEnded(): Promise<void> {
    if (this.finalized) return Promise.resolve();
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }

  markEnded(): void {
    this.ended = true;
  }

  /** Called once the final status is stored. */
  markFinal(): void {
    this.finalized = true;
    for (const wake of [...this.endWaiters.splice(0), ...this.parkWaiters.splice(0)]) wake();
  }
}
