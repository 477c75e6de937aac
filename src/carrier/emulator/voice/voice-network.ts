import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { isoNow, type Clock, type SidGenerator } from '../../../engine/services.ts';
import { describeError, errorRecord, resourceNotFound, SwitchboardError } from '../../../errors.ts';
import type { Scheduler } from '../../../runtime/scheduler.ts';
import type { AccountRecord, CallEvent, CallRecord, CallStatus, HandsetRecord, NumberRecord, RecordingRecord, RecordingSource, Webhooks } from '../../../store/records.ts';
import { rfc2822 } from '../../rfc2822.ts';
import type { Store } from '../../../store/store.ts';
import type { CallCarrier } from '../../carrier.ts';
import type { CallRecordingRequest, OutboundCallRequest } from '../../../engine/services.ts';
import { isClientAddress, isE164, isPossibleNumber, isSipAddress } from '../../e164.ts';
import { requestWebhook } from '../../webhook-client.ts';
import type { EmulatedNetwork } from '../emulated-network.ts';
import { Activity } from './activity.ts';
import { CallLeg, LegInterrupted, type InputKind, type LegHost, type LegInput, type StatusCallbackSettings, type TwimlSource } from './call-leg.ts';
import { callParams } from './call-params.ts';
import { CallQueues } from './call-queues.ts';
import { ConferenceRooms } from './conference-rooms.ts';
import { runTwiml } from './twiml-session.ts';
import { defaultVoiceOptions, type VoiceOptions } from './voice-options.ts';

export interface RecordingDetails {
  /** Given when the SID was handed out before (record-call's start). */
  sid?: string;
  startTime?: string;
  source: RecordingSource;
  /** Seconds. */
  duration: number;
  audio: string;
  /** The leg it belongs to, when not the one recording (a <Dial record> belongs to the child). */
  callSid?: string;
  statusCallback?: { url: string; method: string };
  transcribeCallback?: string;
}

export interface VoiceNetworkDependencies {
  store: Store;
  clock: Clock;
  scheduler: Scheduler;
  sids: SidGenerator;
  logger: Logger;
  /** The messaging network, for <Sms> in a call. */
  messaging: EmulatedNetwork;
  /** The server's public URL, known once it listens. */
  publicUrl: () => string;
  /** Whether time is virtual: then an emulator request waits until the whole network is idle. */
  virtualTime: boolean;
  options?: Partial<VoiceOptions>;
}

export type RingOutcome = 'answered' | 'busy' | 'failed' | 'no-answer';

/** Something that can take a ringing call for a `client:` identity: a browser client's socket. */
export interface ClientConnection {
  identity: string;
  accountSid: string;
  send(message: Record<string, unknown>): void;
}

/** What the voice network tells its watchers (the event stream, browser clients). */
export interface VoiceNotice {
  accountSid: string;
  callSid: string;
  /** A transcript event, or a changed call. */
  event?: CallEvent;
  call?: CallRecord;
}

export interface CreateCallRequest {
  to: string;
  from: string;
  source: TwimlSource;
  fallback?: { url: string; method: string };
  statusCallback?: StatusCallbackSettings;
  timeout: number;
  machineDetection?: string;
  sendDigits?: string;
  record: boolean;
}

/** How a handset nobody has set up answers: at once, a person. */
export const defaultHandset = (address: string): HandsetRecord => ({ address, answerMode: 'auto', answerDelay: 0, answeredBy: 'human' });

/**
 * The emulated voice network: every live call leg, the handsets and browser clients at the far
 * end, queues and conferences. Legs ring, are answered, run TwiML (twiml-session.ts) and end;
 * every change is stored, sent to status callbacks, and announced to watchers.
 */
export class VoiceNetwork implements CallCarrier {
  readonly activity = new Activity();
  readonly queues: CallQueues;
  readonly conferences = new ConferenceRooms();
  readonly notices = new EventEmitter();
  readonly options: VoiceOptions;
  private readonly legs = new Map<string, CallLeg>();
  /** What every leg asks of the network: one object for all of them, since each call's memory counts. */
  private readonly legHost: LegHost = {
    setRunning: (running) => (running ? this.activity.begin() : this.activity.end()),
    after: (seconds, task) => this.after(seconds, task),
    now: () => isoNow(this.clock),
    eventAdded: (owner, event) => this.notices.emit('notice', { accountSid: owner.account.sid, callSid: owner.sid, event } satisfies VoiceNotice),
    parked: (owner) => {
      this.flushEvents(owner).catch((error) => this.logger.error({ callSid: owner.sid, reason: describeError(error) }, 'call events could not be stored'));
    },
  };
  private readonly clients = new Map<string, Set<ClientConnection>>();
  private readonly endListeners: Array<(call: CallRecord) => void | Promise<void>> = [];

  readonly store: Store;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly sids: SidGenerator;
  readonly logger: Logger;
  readonly messaging: EmulatedNetwork;
  /** The server's public URL, known once it listens. */
  readonly publicUrl: () => string;
  /** Whether time is virtual: then an emulator request waits until the whole network is idle. */
  private readonly virtualTime: boolean;

  constructor(dependencies: VoiceNetworkDependencies) {
    this.store = dependencies.store;
    this.clock = dependencies.clock;
    this.scheduler = dependencies.scheduler;
    this.sids = dependencies.sids;
    this.logger = dependencies.logger;
    this.messaging = dependencies.messaging;
    this.publicUrl = dependencies.publicUrl;
    this.virtualTime = dependencies.virtualTime;
    this.options = { ...defaultVoiceOptions, ...dependencies.options };
    this.queues = new CallQueues(this.sids, this.clock);
    this.notices.setMaxListeners(0);
  }

  live(sid: string): CallLeg | undefined {
    return this.legs.get(sid);
  }

  /** Resolves once no leg is running and no callback is being sent. */
  idle(): Promise<void> {
    return this.activity.idle();
  }

  // ---- calls into the network ----

  /** A handset calls a platform number: the number's VoiceUrl answers, as an inbound call. */
  async callFromHandset(from: string, to: string): Promise<CallLeg> {
    if (!isE164(from)) throw new SwitchboardError('invalidFromNumber', `${from} is not an E.164 number`);
    if (!isE164(to)) throw new SwitchboardError('invalidToNumber', `${to} is not an E.164 number`);
    const number = await this.store.findNumber(to);
    if (!number) throw new SwitchboardError('toUnreachable', `${to} is not a number on this network; buy it through IncomingPhoneNumbers first`);
    return this.inboundCall(from, number);
  }

  /** An inbound call on a platform number, running its VoiceUrl. */
  private async inboundCall(from: string, number: NumberRecord): Promise<CallLeg> {
    const account = await this.accountOf(number.accountSid);
    const leg = await this.newLeg(account, { from, to: number.phoneNumber, direction: 'inbound', status: 'ringing', phoneNumberSid: number.sid });
    return this.answerWith(leg, number, number.phoneNumber);
  }

  /** A browser client (or a handset standing for one) places a call through a TwiML App. */
  async callFromClient(account: AccountRecord, identity: string, applicationSid: string, params: Record<string, string>): Promise<CallLeg> {
    const application = await this.store.getApplication(applicationSid);
    if (!application || application.accountSid !== account.sid) throw new SwitchboardError('invalidApplicationSid', `${applicationSid} is not an Application of this account`);
    const leg = await this.newLeg(account, { from: `client:${identity}`, to: params.To ?? '', direction: 'inbound', status: 'ringing', phoneNumberSid: null });
    leg.extraParams = { ...params, ApplicationSid: applicationSid };
    return this.answerWith(leg, application, `Application ${applicationSid}`);
  }

  /** Runs an inbound leg on the voice webhooks of the number or TwiML App it reached. */
  private answerWith(leg: CallLeg, webhooks: Webhooks, owner: string): CallLeg {
    if (webhooks.statusCallback) leg.statusCallback = { url: webhooks.statusCallback, method: webhooks.statusCallbackMethod, events: new Set(['completed']) };
    if (webhooks.voiceFallbackUrl) leg.fallback = { url: webhooks.voiceFallbackUrl, method: webhooks.voiceFallbackMethod };
    const { voiceUrl, voiceMethod } = webhooks;
    this.run(leg, async () => {
      leg.hear('ringing');
      if (!voiceUrl) {
        leg.hear('error', { code: 11100, message: `${owner} has no VoiceUrl` });
        return 'failed';
      }
      return runTwiml(leg, { url: voiceUrl, method: voiceMethod }, this);
    });
    return leg;
  }

  /** The REST API places a call: it is queued, rings the far end, and runs its TwiML once answered. */
  async createCall(account: AccountRecord, request: CreateCallRequest): Promise<CallRecord> {
    if (!request.to) throw new SwitchboardError('missingCalledNumber');
    if (!request.from) throw new SwitchboardError('missingCallerNumber');
    if (!isReachable(request.to)) throw new SwitchboardError('invalidToNumber', `The 'To' number ${request.to} is not a valid phone number, client or SIP address.`);
    let caller: NumberRecord | undefined;
    if (request.from.startsWith('client:')) {
      if (!isClientAddress(request.from)) throw new SwitchboardError('invalidFromNumber', `"${request.from}" is not a client identity`);
      if (!request.to.startsWith('client:') && !request.to.startsWith('sip:')) {
        throw new SwitchboardError('invalidFromNumber', 'A call from a client goes to a client or a SIP address; to call a phone number, use one of the account\'s numbers as From');
      }
    } else {
      if (!isPossibleNumber(request.from)) throw new SwitchboardError('invalidFromNumber', `The 'From' number ${request.from} is not a valid phone number`);
      caller = await this.store.findNumber(request.from);
      if (!caller || caller.accountSid !== account.sid) {
        throw new SwitchboardError('invalidFromNumber', `${request.from} is not a number of this account; buy it through IncomingPhoneNumbers first`);
      }
    }
    const leg = await this.newLeg(account, { from: request.from, to: request.to, direction: 'outbound-api', status: 'queued', phoneNumberSid: caller?.sid ?? null });
    leg.statusCallback = request.statusCallback;
    leg.fallback = request.fallback;
    leg.machineDetection = request.machineDetection;
    leg.pendingSource = request.source;
    const record = leg.record;
    leg.recordWholeCall = request.record;
    this.run(leg, async () => {
      this.statusCallback(leg, 'initiated');
      const outcome = await this.ring(leg, request.timeout);
      if (outcome !== 'answered') return outcome;
      await this.markAnswered(leg);
      if (request.sendDigits) leg.hear('digits-sent', { digits: request.sendDigits });
      return runTwiml(leg, leg.pendingSource ?? request.source, this);
    });
    return record;
  }

  /** A <Dial> leg from `parent` to one target (never queued, as Twilio's are not); the dial verb rings, bridges and ends it. */
  newChildLeg(parent: CallLeg, to: string, from: string): Promise<CallLeg> {
    return this.newLeg(parent.account, { from, to, direction: 'outbound-dial', status: 'ringing', parentCallSid: parent.sid, phoneNumberSid: null });
  }

  // ---- what flows ask of calls ----

  async placeCall(accountSid: string, request: OutboundCallRequest): Promise<CallRecord> {
    return this.createCall(await this.accountOf(accountSid), {
      to: request.to,
      from: request.from,
      source: { url: request.url, method: 'POST' },
      statusCallback: { url: request.statusCallback, method: 'POST', events: new Set(['completed']) },
      timeout: request.timeout,
      machineDetection: request.machineDetection,
      sendDigits: request.sendDigits,
      record: request.record,
    });
  }

  /** Starts recording a live call, or stops (and saves) the recording it has. */
  async recordCall(accountSid: string, request: CallRecordingRequest): Promise<RecordingRecord> {
    const leg = await this.liveLeg(accountSid, request.callSid);
    const now = isoNow(this.clock);
    if (request.record) {
      if (leg.recording) throw new SwitchboardError('invalidCallState', `call ${leg.sid} is already being recorded`);
      leg.recording = { sid: this.sids.next('RE'), startedAt: now, statusCallback: request.statusCallback };
      leg.hear('recording-started', { recordingSid: leg.recording.sid });
      return { sid: leg.recording.sid, accountSid, callSid: leg.sid, status: 'in-progress', source: 'OutboundAPI', duration: 0, audio: '', startTime: now, dateCreated: now, dateUpdated: now };
    }
    const recording = leg.recording;
    if (!recording) throw new SwitchboardError('invalidCallState', `call ${leg.sid} is not being recorded`);
    leg.recording = undefined;
    const duration = Math.round((Date.parse(now) - Date.parse(recording.startedAt)) / 1000);
    this.saveRecording(leg, {
      sid: recording.sid,
      source: 'OutboundAPI',
      duration,
      audio: '',
      startTime: recording.startedAt,
      statusCallback: recording.statusCallback ? { url: recording.statusCallback, method: 'POST' } : undefined,
    });
    return { sid: recording.sid, accountSid, callSid: leg.sid, status: 'completed', source: 'OutboundAPI', duration, audio: '', startTime: recording.startedAt, dateCreated: now, dateUpdated: now };
  }

  /** Interrupts whatever the call is doing with new TwiML; it does not wait for the call to react. */
  async redirectCall(accountSid: string, callSid: string, twiml: string): Promise<void> {
    const leg = await this.liveLeg(accountSid, callSid);
    leg.hear('redirect', { by: 'flow' });
    leg.interrupt({ kind: 'redirect', source: { twiml } });
  }

  onCallEnded(listener: (call: CallRecord) => void | Promise<void>): void {
    this.endListeners.push(listener);
  }

  // ---- what handsets, clients and the REST API do to live calls ----

  /** Input from the far end; 409 unless the call waits for that kind of input. */
  async input(accountSid: string, sid: string, kind: InputKind, input: LegInput): Promise<CallLeg> {
    const leg = await this.liveLeg(accountSid, sid);
    if (!leg.deliver(kind, input)) {
      throw new SwitchboardError('callNotWaiting', `call ${sid} is ${leg.waitingFor ? `waiting for ${leg.waitingFor}` : 'not waiting for anything'}, not for ${kind}`);
    }
    return leg;
  }

  /** The far end hangs up: an answered call completes, a ringing one is declined (busy) or given up (canceled). */
  async hangupFromHandset(accountSid: string, sid: string): Promise<CallLeg> {
    const leg = await this.liveLeg(accountSid, sid);
    const status = leg.record.status;
    leg.hear('hangup', { by: 'handset' });
    leg.interrupt({ kind: 'hangup', status: status === 'in-progress' ? 'completed' : leg.record.direction === 'inbound' ? 'canceled' : 'busy' });
    return leg;
  }

  /** The live leg of a call: 404 for a call the account does not have, 409 for one that has ended. */
  private async liveLeg(accountSid: string, sid: string): Promise<CallLeg> {
    const leg = this.legs.get(sid);
    if (leg && leg.account.sid === accountSid) return leg;
    const stored = leg ? undefined : await this.store.getCall(sid);
    if (!stored || stored.accountSid !== accountSid) throw resourceNotFound(`/emulator/v1/Calls/${sid}`);
    throw new SwitchboardError('callNotWaiting', `call ${sid} has ended (${stored.status})`);
  }

  /** REST update: new TwiML for the call, or Status=completed/canceled. */
  async updateCall(
    accountSid: string,
    sid: string,
    update: { source?: TwimlSource; status?: 'completed' | 'canceled'; fallback?: { url: string; method: string }; statusCallback?: StatusCallbackSettings },
  ): Promise<CallRecord> {
    const leg = this.legs.get(sid);
    if (!leg) {
      const stored = await this.store.getCall(sid);
      if (!stored || stored.accountSid !== accountSid) throw resourceNotFound(`/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`);
      if (update.source) throw SwitchboardError.worded('invalidCallState', 'Call is not in-progress. Cannot redirect.');
      return stored;
    }
    if (leg.account.sid !== accountSid) throw resourceNotFound(`/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`);
    if (update.fallback) leg.fallback = update.fallback;
    if (update.statusCallback) leg.statusCallback = update.statusCallback;
    const answered = leg.record.status === 'in-progress';
    if (update.status === 'completed' || (update.status === 'canceled' && !answered)) {
      leg.hear('hangup', { by: 'api' });
      leg.interrupt({ kind: 'hangup', status: answered ? 'completed' : 'canceled' });
    } else if (update.source) {
      if (answered) {
        leg.hear('redirect', { by: 'api' });
        leg.interrupt({ kind: 'redirect', source: update.source });
      } else {
        leg.pendingSource = update.source;
      }
    }
    await this.settle(leg);
    return leg.record;
  }

  /** Waits until the leg has reacted: under the virtual clock until the whole network is idle. */
  async settle(leg: CallLeg): Promise<void> {
    if (this.virtualTime) await this.idle();
    else await leg.whenParked();
  }

  async handset(address: string): Promise<HandsetRecord> {
    return (await this.store.getHandset(address)) ?? defaultHandset(address);
  }

  /**
   * Calls the store shows live were cut off when the server last stopped without hanging them up
   * (a crash): a call cannot outlive the process that carried it, so they end now.
   */
  async endStaleCalls(): Promise<number> {
    let ended = 0;
    for (const status of ['queued', 'ringing', 'in-progress'] as const) {
      for (const call of await this.store.listCalls({ status }, { offset: 0, limit: 100_000 })) {
        if (this.legs.has(call.sid)) continue;
        const now = isoNow(this.clock);
        await this.store.putCall({ ...call, status: status === 'in-progress' ? 'completed' : 'failed', endTime: now, dateUpdated: now, duration: call.duration ?? 0 });
        await this.store.appendCallEvents(call.sid, [{ type: 'error', at: now, ...errorRecord('callCutOff') }]);
        ended++;
      }
    }
    return ended;
  }

  /** Ends every live call (the server is stopping), and waits for their callbacks. */
  async hangUpAll(): Promise<void> {
    for (const leg of this.legs.values()) leg.interrupt({ kind: 'hangup', status: leg.record.status === 'in-progress' ? 'completed' : 'canceled' });
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
  }

  // ---- browser clients ----

  connectClient(connection: ClientConnection): () => void {
    const key = `${connection.accountSid}/${connection.identity}`;
    const connections = this.clients.get(key) ?? new Set();
    connections.add(connection);
    this.clients.set(key, connections);
    return () => {
      connections.delete(connection);
      if (connections.size === 0) this.clients.delete(key);
    };
  }

  private clientConnections(accountSid: string, address: string): ClientConnection[] {
    if (!address.startsWith('client:')) return [];
    return [...(this.clients.get(`${accountSid}/${address.slice('client:'.length)}`) ?? [])];
  }

  // ---- the life of a leg ----

  /**
   * Rings the far end of an outbound leg until it answers, declines, fails, or `timeout` seconds
   * pass. A registered browser client decides for itself; a handset follows its answer mode.
   */
  async ring(leg: CallLeg, timeout: number): Promise<RingOutcome> {
    await this.setStatus(leg, 'ringing');
    this.statusCallback(leg, 'ringing');
    leg.hear('ringing');
    const to = leg.record.to;
    const sockets = this.clientConnections(leg.account.sid, to);
    const handset = await this.handset(to);
    // A platform number with a VoiceUrl is not a handset: the call arrives there as an inbound call.
    const number = to.startsWith('+') ? await this.store.findNumber(to) : undefined;
    if (number?.voiceUrl) {
      const far = await this.inboundCall(leg.record.from, number);
      far.linked = leg;
      leg.linked = far;
    }
    const outcome = await leg.park<RingOutcome>('answer', ['answer'], (finish) => {
      const timers = [this.after(timeout, () => finish('no-answer'))];
      if (leg.linked) {
        // The far call answers or ends, and tells this leg (markAnswered, endLeg).
      } else if (sockets.length > 0) {
        for (const socket of sockets) socket.send({ type: 'incoming', callSid: leg.sid, from: leg.record.from, to, parameters: leg.extraParams });
      } else if (to.startsWith('+') && !isPossibleNumber(to)) {
        finish('failed');
      } else if (handset.answerMode === 'auto') {
        timers.push(this.after(handset.answerDelay, () => finish('answered')));
      } else if (handset.answerMode === 'busy' || handset.answerMode === 'fail') {
        timers.push(this.after(Math.min(handset.answerDelay, timeout), () => finish(handset.answerMode === 'busy' ? 'busy' : 'failed')));
      }
      return {
        onInput: (input) => finish(input.farOutcome ?? (input.answer === 'reject' ? 'busy' : 'answered')),
        cancel: () => {
          for (const cancel of timers) cancel();
          for (const socket of sockets) socket.send({ type: 'ring-ended', callSid: leg.sid });
        },
      };
    });
    if (outcome === 'answered' && leg.machineDetection) {
      leg.record = { ...leg.record, answeredBy: answeredBy(handset.answeredBy, leg.machineDetection) };
    }
    return outcome;
  }

  /** The leg is answered: in-progress from now. */
  async markAnswered(leg: CallLeg): Promise<void> {
    if (leg.record.status === 'in-progress') return;
    const now = isoNow(this.clock);
    await this.setStatus(leg, 'in-progress', { startTime: now });
    leg.hear('answered', leg.record.answeredBy ? { answeredBy: leg.record.answeredBy } : {});
    this.statusCallback(leg, 'answered');
    leg.linked?.deliver('answer', { farOutcome: 'answered' });
  }

  /** Runs a leg's life in the background and ends it with the status it comes to. */
  run(leg: CallLeg, life: () => Promise<CallStatus>): void {
    void this.activity.track(async () => {
      let status: CallStatus;
      try {
        status = await life();
      } catch (error) {
        if (error instanceof LegInterrupted && error.interruption.kind === 'hangup') {
          status = error.interruption.status;
        } else {
          this.logger.error({ callSid: leg.sid, reason: describeError(error) }, 'call leg failed');
          leg.hear('error', { code: 12400, message: `Internal failure: ${describeError(error)}` });
          status = leg.record.status === 'in-progress' ? 'completed' : 'failed';
        }
      }
      await this.endLeg(leg, status);
    });
  }

  /** Ends a leg: final status, duration, the completed callback, and its far end hung up. */
  async endLeg(leg: CallLeg, status: CallStatus): Promise<void> {
    if (leg.ended) return;
    leg.markEnded();
    this.legs.delete(leg.sid);
    for (const stream of leg.streams.values()) await stream.stop();
    const now = isoNow(this.clock);
    const start = leg.record.startTime;
    const final: CallStatus = start && status !== 'failed' ? 'completed' : status;
    if (leg.recording) {
      // A recording record-call started and nobody stopped: the call's end completes it, as on Twilio.
      const recording = leg.recording;
      leg.recording = undefined;
      this.saveRecording(leg, {
        sid: recording.sid,
        source: 'OutboundAPI',
        duration: Math.round((Date.parse(now) - Date.parse(recording.startedAt)) / 1000),
        audio: '',
        startTime: recording.startedAt,
        statusCallback: recording.statusCallback ? { url: recording.statusCallback, method: 'POST' } : undefined,
      });
    }
    if (leg.recordWholeCall && start) {
      const recording = this.saveRecording(leg, { source: 'OutboundAPI', duration: Math.round((Date.parse(now) - Date.parse(start)) / 1000), audio: '' });
      leg.recordingUrl = recording.url;
    }
    leg.hear('status', { status: final });
    await this.setStatus(leg, final, {
      endTime: now,
      // Twilio leaves the duration empty for calls that were never answered.
      duration: start ? Math.max(0, Math.round((Date.parse(now) - Date.parse(start)) / 1000)) : null,
    });
    // Stored first, so that whoever hears the completed callback can read the call's whole transcript.
    await this.flushEvents(leg);
    this.statusCallback(leg, 'completed');
    leg.markFinal();
    const other = leg.linked;
    if (other && !other.ended && !other.deliver('answer', { farOutcome: farOutcomeOf(final) })) {
      other.interrupt({ kind: 'hangup', status: other.record.status === 'in-progress' ? 'completed' : 'canceled' });
    }
    for (const listener of this.endListeners) {
      try {
        await listener(leg.record);
      } catch (error) {
        this.logger.error({ callSid: leg.sid, reason: describeError(error) }, 'a call-ended listener failed');
      }
    }
  }

  async setStatus(leg: CallLeg, status: CallStatus, changes: Partial<CallRecord> = {}): Promise<void> {
    leg.record = { ...leg.record, ...changes, status, dateUpdated: isoNow(this.clock) };
    await this.store.putCall(leg.record);
    this.notices.emit('notice', { accountSid: leg.account.sid, callSid: leg.sid, call: leg.record } satisfies VoiceNotice);
  }

  /** Writes the leg's new events; resolves once everything it has heard is stored. */
  async flushEvents(leg: CallLeg): Promise<void> {
    if (leg.unsavedEvents.length > 0) {
      const events = leg.unsavedEvents;
      leg.unsavedEvents = [];
      leg.savingEvents = this.store.appendCallEvents(leg.sid, events);
    }
    await leg.savingEvents;
  }

  /** Every event of a call, saved or not yet. */
  async eventsOf(sid: string): Promise<CallEvent[]> {
    const leg = this.legs.get(sid);
    if (leg) await this.flushEvents(leg);
    return this.store.listCallEvents(sid);
  }

  /** Sends a status callback for `event` if the leg subscribed to it; the call does not wait. */
  statusCallback(leg: CallLeg, event: 'initiated' | 'ringing' | 'answered' | 'completed'): void {
    const callback = leg.statusCallback;
    if (!callback || !callback.events.has(event)) return;
    const call = leg.record;
    const params: Record<string, string> = {
      ...callParams(leg),
      CallStatus: event === 'initiated' ? 'initiated' : call.status,
      Timestamp: rfc2822(isoNow(this.clock)),
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(leg.callbackSequence++),
    };
    if (event === 'completed') {
      params.CallDuration = String(call.duration ?? 0);
      params.Duration = String(Math.ceil((call.duration ?? 0) / 60));
      const sipCode = { busy: '486', 'no-answer': '487', canceled: '487', failed: '404' }[call.status as string];
      if (sipCode) params.SipResponseCode = sipCode;
      if (leg.recordingUrl) params.RecordingUrl = leg.recordingUrl;
    }
    this.background(() => requestWebhook({ url: callback.url, method: callback.method, params, authToken: leg.account.authToken }), callback.url);
  }

  /**
   * Saves a recording (its audio is the text the handset sent) and tells its status callback and
   * transcription callback; returns its SID and the URL Twilio would give.
   */
  saveRecording(leg: CallLeg, details: RecordingDetails): { sid: string; url: string } {
    const now = isoNow(this.clock);
    const recording: RecordingRecord = {
      sid: details.sid ?? this.sids.next('RE'),
      accountSid: leg.account.sid,
      callSid: details.callSid ?? leg.sid,
      status: 'completed',
      source: details.source,
      duration: details.duration,
      audio: details.audio,
      startTime: details.startTime ?? now,
      dateCreated: now,
      dateUpdated: now,
    };
    const url = `${this.publicUrl()}/2010-04-01/Accounts/${leg.account.sid}/Recordings/${recording.sid}`;
    leg.hear('recording', { recordingSid: recording.sid, seconds: details.duration });
    const authToken = leg.account.authToken;
    void this.activity.track(() => this.store.putRecording(recording));
    if (details.statusCallback) {
      const params = {
        AccountSid: leg.account.sid,
        CallSid: recording.callSid,
        RecordingSid: recording.sid,
        RecordingUrl: url,
        RecordingStatus: 'completed',
        RecordingDuration: String(details.duration),
        RecordingChannels: '1',
        RecordingStartTime: rfc2822(recording.startTime),
        RecordingSource: details.source,
        RecordingTrack: 'both',
      };
      const callback = details.statusCallback;
      this.background(() => requestWebhook({ url: callback.url, method: callback.method, params, authToken }), callback.url);
    }
    if (details.transcribeCallback) {
      const callbackUrl = details.transcribeCallback;
      const transcriptionSid = this.sids.next('TR');
      const params = {
        ...callParams(leg),
        TranscriptionSid: transcriptionSid,
        TranscriptionText: details.audio,
        TranscriptionStatus: details.audio ? 'completed' : 'failed',
        TranscriptionUrl: `${this.publicUrl()}/2010-04-01/Accounts/${leg.account.sid}/Transcriptions/${transcriptionSid}`,
        RecordingSid: recording.sid,
        RecordingUrl: url,
      };
      this.background(() => requestWebhook({ url: callbackUrl, method: 'POST', params, authToken }), callbackUrl);
    }
    return { sid: recording.sid, url };
  }

  /**
   * A TwiML request whose answer nobody carries out: an action after the caller hung up. The leg
   * waits for it before it ends, so that the app hears of the outcome before the call's end.
   */
  async requestIgnoringAnswer(leg: CallLeg, url: string, method: string, extra: Record<string, string>): Promise<void> {
    const params = { ...callParams(leg), ...extra };
    try {
      await requestWebhook({ url, method, params, authToken: leg.account.authToken });
    } catch (error) {
      this.logger.warn({ code: 11200, url, reason: describeError(error) }, 'an action after hangup failed');
    }
  }

  /** Work the call does not wait for (callbacks), still counted so that `idle()` waits for it. */
  background(task: () => Promise<unknown>, url: string): void {
    void this.activity.track(async () => {
      try {
        await task();
      } catch (error) {
        this.logger.warn({ code: 15003, url, reason: describeError(error) }, 'callback failed');
      }
    });
  }

  /**
   * Runs `task` after `seconds` on the server's clock. Something due at once (a handset that
   * answers with no delay) runs on the next turn, counted as work under way, so that it happens
   * without the virtual clock having to move.
   */
  after(seconds: number, task: () => void): () => void {
    if (seconds > 0) return this.scheduler.at(this.clock.now() + seconds * 1000, task);
    this.activity.begin();
    let pending = true;
    const immediate = setImmediate(() => {
      pending = false;
      try {
        task();
      } finally {
        this.activity.end();
      }
    });
    return () => {
      if (!pending) return;
      pending = false;
      clearImmediate(immediate);
      this.activity.end();
    };
  }

  private async newLeg(account: AccountRecord, fields: Pick<CallRecord, 'from' | 'to' | 'direction' | 'status' | 'phoneNumberSid'> & { parentCallSid?: string }): Promise<CallLeg> {
    const now = isoNow(this.clock);
    const record: CallRecord = {
      sid: this.sids.next('CA'),
      accountSid: account.sid,
      parentCallSid: fields.parentCallSid ?? null,
      from: fields.from,
      to: fields.to,
      direction: fields.direction,
      status: fields.status,
      phoneNumberSid: fields.phoneNumberSid,
      answeredBy: null,
      dateCreated: now,
      dateUpdated: now,
      startTime: null,
      endTime: null,
      duration: null,
    };
    const leg = new CallLeg(record, account, this.legHost);
    this.legs.set(record.sid, leg);
    await this.store.putCall(record);
    this.notices.emit('notice', { accountSid: account.sid, callSid: record.sid, call: record } satisfies VoiceNotice);
    return leg;
  }

  private async accountOf(sid: string): Promise<AccountRecord> {
    const account = await this.store.getAccount(sid);
    if (!account) throw new SwitchboardError('internalError', `account ${sid} is missing`);
    return account;
  }
}

/** A number, a `client:` identity or a SIP address. */
function isReachable(to: string): boolean {
  if (to.startsWith('client:')) return isClientAddress(to);
  if (to.startsWith('sip:')) return isSipAddress(to);
  return isPossibleNumber(to);
}

/** How a far call that ended before it was answered looks to the leg that rang it. */
function farOutcomeOf(status: CallStatus): 'busy' | 'failed' | 'no-answer' {
  return status === 'busy' || status === 'failed' ? status : 'no-answer';
}

/** AnsweredBy for a handset that answers as `who`, under MachineDetection `mode`. */
function answeredBy(who: HandsetRecord['answeredBy'], mode: string): string {
  if (who === 'machine_start' && mode === 'DetectMessageEnd') return 'machine_end_beep';
  return who;
}
