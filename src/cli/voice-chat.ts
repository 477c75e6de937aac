import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { createFetchHttpClient } from '../runtime/fetch-http-client.ts';
import { throwawayServer, type RunningServer } from '../server/server.ts';
import { endedCallStatuses } from '../store/records.ts';
import { enteredWidgets } from '../testing/entered-widgets.ts';
import type { Turn } from '../testing/flow-test.ts';
import { heardPrompt } from '../testing/heard-prompt.ts';
import { SessionRecording } from '../testing/session-recording.ts';
import type { ChatIO } from './chat-command.ts';
import { readFlowFile } from './read-flow-file.ts';

export interface VoiceChatOptions {
  /** The caller's number: the handset the call comes from. */
  from: string;
  /** The flow's number, bought for the call. */
  to: string;
  /** REST-triggered starts are for messaging chats; a call starts the flow itself. */
  data?: string;
  steps?: boolean;
  /** Write the call as a flow test file here when it ends. */
  record?: string;
}

/** One thing that happened on the call, as `GET /emulator/v1/Calls/{CA}` lists it. */
interface CallEvent {
  type: string;
  [field: string]: unknown;
}

/** The emulator's call JSON: the call, what it waits for, and its events so far. */
interface CallJson {
  sid: string;
  status: string;
  waiting_for: string | null;
  events: CallEvent[];
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** How many times in a row the clock moves on by itself (see `report`) before the rest is left to `/timeout`. */
const maxUnattendedRounds = 100;
const usage = 'Type digits (e.g. 1 or 12#), "say: <words>", "record: <words>", /timeout, /hangup or /quit';

/**
 * `switchboard chat --voice`: calls a flow from a handset in the terminal. An in-process server
 * (in memory, on the virtual clock) publishes the flow, buys `to` with the flow as its VoiceUrl,
 * and a handset at `from` calls it through the emulator's HTTP API. Each line is what the caller
 * does: keys digits, speaks (`say: …`), leaves a recording (`record: …`), waits (`/timeout`) or
 * hangs up (`/hangup`; `/quit` and the end of input hang up too). What the caller hears is
 * printed as it happens, one `<` line per prompt.
 *
 * `/timeout` moves the virtual clock to the network's next due timer (the gather's or record's
 * timeout, the ring timeout of a dial, …), read from the server's scheduler, so that exactly the
 * timer the call waits on fires and nothing after it. Where the caller could do nothing but hang
 * up, time passes by itself: timers due at once (a dialed handset answering) fire, and a plain
 * <Pause> is skipped.
 */
export async function voiceChatCommand(file: string, options: VoiceChatOptions, io: ChatIO): Promise<number> {
  if (options.data !== undefined) {
    io.print('--data does not go with --voice: the call itself starts the flow (incomingCall)');
    return 1;
  }
  const loaded = await readFlowFile(file);
  if (!loaded.definition || !loaded.result.valid) {
    io.print(`${file} is not a valid flow:`);
    for (const error of loaded.result.errors) io.print(`  ${error.property_path}: ${error.message}`);
    return 1;
  }
  const recording = options.record === undefined
    ? undefined
    : new SessionRecording(options.record, { flowFile: file, channel: 'voice', contact: options.from, number: options.to });
  // Recorded, the flow's HTTP goes out as usual and is kept; add_twilio_auth has no real account to sign with here anyway.
  const server = await throwawayServer({ clock: 'virtual', httpClient: recording?.http(createFetchHttpClient()) });
  try {
    const session = new VoiceSession(server, options, io, recording);
    const placed = await session.place(file === '-' ? 'stdin' : basename(file), JSON.stringify(loaded.definition));
    if (!placed) return 1;
    io.print(`Calling ${file} at ${options.to} from ${options.from}. ${usage}.`);
    await session.report(placed);
    if (!session.ended) {
      for await (const line of createInterface({ input: io.input, crlfDelay: Infinity })) {
        if (io.echo) io.print(`> ${line}`);
        if (line.trim() === '/quit') break;
        await session.handle(line.trim());
        if (session.ended) break;
      }
    }
    // Left open (a terminal, or a pipe with more to say), standard input would keep the process alive after the call.
    io.input.destroy();
    await session.finish();
    return (await session.saveRecording()) ? 0 : 1;
  } finally {
    await server.close();
  }
}

class VoiceSession {
  private callSid = '';
  private flowSid = '';
  private executionSid?: string;
  private heard = 0;
  private stepsPrinted = 0;
  private status = '';
  /** The execution's status as finish() read it, for a recording's `ended`. */
  private executionStatus?: string;

  constructor(
    private readonly server: RunningServer,
    private readonly options: VoiceChatOptions,
    private readonly io: ChatIO,
    private readonly recording?: SessionRecording,
  ) {}

  get ended(): boolean {
    return endedCallStatuses.has(this.status);
  }

  /** Publishes the flow, buys its number and calls it; undefined (reason printed) when any of that is refused. */
  async place(name: string, definition: string): Promise<CallJson | undefined> {
    const { account } = this.server;
    const flow = await this.api('POST', '/v2/Flows', { FriendlyName: name, Status: 'published', Definition: definition });
    if (flow.status !== 201) return this.refused('The flow was not accepted', flow);
    this.flowSid = String(flow.body.sid);
    const number = await this.api('POST', `/2010-04-01/Accounts/${account.sid}/IncomingPhoneNumbers.json`, {
      PhoneNumber: this.options.to,
      VoiceUrl: String(flow.body.webhook_url),
    });
    if (number.status !== 201) return this.refused(`Cannot use ${this.options.to} as the flow's number`, number);
    const call = await this.api('POST', `/emulator/v1/Handsets/${encodeURIComponent(this.options.from)}/Calls`, { To: this.options.to });
    if (call.status !== 201) return this.refused(`Cannot call from ${this.options.from}`, call);
    return call.body as unknown as CallJson;
  }

  /** One line from the caller. */
  async handle(line: string): Promise<void> {
    if (line === '') return;
    if (line === '/timeout') return this.fireTimer();
    if (line === '/hangup') return this.send('Hangup', { hangup: true });
    const speech = /^say:\s*(.*)$/i.exec(line);
    if (speech) return speech[1] ? this.send('Input', { say: speech[1] }, { Speech: speech[1] }) : this.io.print('[say: needs some words, e.g. "say: opening hours"]');
    const recording = /^record:\s*(.*)$/i.exec(line);
    if (recording) return recording[1] ? this.send('Input', { record: recording[1] }, { Recording: recording[1] }) : this.io.print('[record: needs some words, e.g. "record: call me back"]');
    if (/^[0-9*#]{1,64}$/.test(line)) return this.send('Input', { press: line }, { Digits: line });
    this.io.print(`[not understood: "${line}". ${usage}]`);
  }

  /** After the input ends: hangs up a call that is still on, then prints how the call and the execution ended. */
  async finish(): Promise<void> {
    if (!this.ended) await this.send('Hangup', { hangup: true });
    this.io.print(`Call ended: ${this.status}`);
    this.io.print(await this.executionSummary());
  }

  /** With --record (after finish(), which read how the execution ended): writes the call's turns, then the widgets the execution entered and whether it ended; false when it could not. */
  async saveRecording(): Promise<boolean> {
    if (!this.recording) return true;
    const saved = await this.recording.save('recorded call', enteredWidgets(await this.listSteps()), this.executionStatus === 'ended');
    this.io.print(saved.report);
    return saved.written;
  }

  /**
   * Prints what the caller heard since the last report (and the steps with --steps). Then lets
   * time pass where the caller could do nothing but hang up: timers due at this very instant (a
   * dialed handset that answers at once) fire, and a plain <Pause> is skipped.
   */
  async report(call: CallJson): Promise<void> {
    for (let rounds = 0; ; rounds++) {
      this.callSid = call.sid;
      this.status = call.status;
      for (const [index, event] of call.events.slice(this.heard).entries()) {
        const line = heardLine(event, call.events[this.heard + index - 1]);
        if (line) this.io.print(line);
        const heard = heardPrompt(event);
        if (heard !== undefined) this.recording?.add({ expect: { heard } });
      }
      this.heard = call.events.length;
      if (this.options.steps) await this.printSteps();
      const dueIn = this.secondsToNextTimer();
      if (this.ended || rounds >= maxUnattendedRounds || dueIn === undefined || (dueIn > 0 && call.waiting_for !== 'pause')) return;
      // A test run does not move the clock by itself: the recording says how far it moved.
      if (dueIn > 0) this.recording?.add({ wait: dueIn });
      const next = await this.advanceClock(dueIn);
      if (!next) return;
      call = next;
    }
  }

  /** Sends the caller's input; `turn` is how a recording writes it, when the call took it. */
  private async send(action: 'Input' | 'Hangup', turn: Turn, form?: Record<string, string>): Promise<void> {
    const reply = await this.api('POST', `/emulator/v1/Calls/${this.callSid}/${action}`, form);
    if (reply.status === 200) {
      this.recording?.add(turn);
      return this.report(reply.body as unknown as CallJson);
    }
    this.io.print(`[not sent: ${errorText(reply)}]`);
    // The call may have ended under the input (a 409 for an ended call); the next report says so.
    await this.report(await this.fetchCall());
  }

  /** `/timeout`: the virtual clock moves to the next due timer, which fires. */
  private async fireTimer(): Promise<void> {
    const dueIn = this.secondsToNextTimer();
    if (dueIn === undefined) return this.io.print('[nothing is waiting for a timeout]');
    this.recording?.add({ wait: 'timeout' });
    const call = await this.advanceClock(dueIn);
    if (call) await this.report(call);
  }

  /** Seconds until the voice network's next timer (the only call on it is ours, with its dialed legs); undefined when none is set. */
  private secondsToNextTimer(): number | undefined {
    const { virtualScheduler, virtualClock } = this.server.context;
    const due = virtualScheduler?.nextDue();
    if (due === undefined || !virtualClock) return undefined;
    return Math.max(0, due - virtualClock.now()) / 1000;
  }

  /** `POST /emulator/v1/Clock`, then the call as it is afterwards; undefined (reason printed) when the clock did not move. */
  private async advanceClock(seconds: number): Promise<CallJson | undefined> {
    const moved = await this.api('POST', '/emulator/v1/Clock', { Advance: String(seconds) });
    if (moved.status !== 200) {
      this.io.print(`[the clock did not move: ${errorText(moved)}]`);
      return undefined;
    }
    return this.fetchCall();
  }

  private async fetchCall(): Promise<CallJson> {
    return (await this.api('GET', `/emulator/v1/Calls/${this.callSid}`)).body as unknown as CallJson;
  }

  private async findExecution(): Promise<string | undefined> {
    if (this.executionSid) return this.executionSid;
    const list = await this.api('GET', `/v2/Flows/${this.flowSid}/Executions?PageSize=1`);
    const [execution] = (list.body.executions as Array<{ sid: string }> | undefined) ?? [];
    this.executionSid = execution?.sid;
    return this.executionSid;
  }

  /** Steps since the last report, as `switchboard chat --steps` prints them (Studio's 1,000-step limit fits one page). */
  private async printSteps(): Promise<void> {
    const steps = await this.listSteps();
    for (const step of steps.slice(this.stepsPrinted)) this.io.print(`  · ${step.transitioned_from} --${step.name}--> ${step.transitioned_to}`);
    this.stepsPrinted = Math.max(this.stepsPrinted, steps.length);
  }

  private async listSteps(): Promise<Array<{ transitioned_from: string; name: string; transitioned_to: string }>> {
    const sid = await this.findExecution();
    if (!sid) return [];
    const page = await this.api('GET', `/v2/Flows/${this.flowSid}/Executions/${sid}/Steps?PageSize=1000`);
    return (page.body.steps as Array<{ transitioned_from: string; name: string; transitioned_to: string }> | undefined) ?? [];
  }

  private async executionSummary(): Promise<string> {
    const sid = await this.findExecution();
    if (!sid) return 'No execution was started';
    const execution = await this.api('GET', `/v2/Flows/${this.flowSid}/Executions/${sid}`);
    this.executionStatus = String(execution.body.status);
    // Why an execution ended is not part of Studio's Execution resource; the in-process store has it.
    const error = (await this.server.context.store.getExecution(sid))?.state.ended?.error;
    return `Execution ${sid}: ${execution.body.status}${error ? ` with error ${error.code}: ${error.message}` : ''}`;
  }

  private refused(what: string, reply: Reply): undefined {
    this.io.print(`${what}: ${errorText(reply)}`);
    return undefined;
  }

  /** fetch against the in-process server with the account's Basic credentials; form bodies from objects. */
  private async api(method: string, path: string, form?: Record<string, string>): Promise<Reply> {
    const { account, url } = this.server;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${account.sid}:${account.authToken}`).toString('base64')}`,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form) : undefined,
    });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { message: text };
    }
    return { status: response.status, body };
  }
}

function errorText(reply: Reply): string {
  const { code, message } = reply.body;
  return `${message ?? `HTTP ${reply.status}`}${code ? ` (${code})` : ''}`;
}

/** How a prompt or a change on the call reads in the terminal; undefined for what the caller does not hear. */
export function heardLine(event: CallEvent, previous?: CallEvent): string | undefined {
  const text = (key: string) => String(event[key] ?? '');
  const loop = typeof event.loop === 'number' ? (event.loop === 0 ? ' (looping until hangup)' : ` (${event.loop} times)`) : '';
  switch (event.type) {
    case 'say':
      return `< Say (${text('voice')}, ${text('language')}): ${text('text')}${loop}`;
    case 'play':
      return text('url') ? `< Play: ${text('url')}${event.digits ? ` (digits ${text('digits')})` : ''}${loop}` : `< Play digits: ${text('digits')}${loop}`;
    case 'pause':
      return `< Pause ${text('length')} s`;
    case 'gather': {
      const digits = Number(event.numDigits ?? 0);
      const parts = [text('input')];
      if (digits > 0) parts.push(`${digits} digit${digits === 1 ? '' : 's'}`);
      else if (event.finishOnKey) parts.push(`until ${text('finishOnKey')}`);
      parts.push(`timeout ${text('timeout')} s`);
      return `< Gather (${parts.join(', ')})`;
    }
    case 'record':
      return previous?.type === 'beep' ? '< Record (beep)' : '< Record';
    case 'dial':
      if (event.conference) return `< Dial conference ${text('conference')}`;
      if (event.queue) return `< Dial queue ${text('queue')}`;
      return `< Dial ${((event.to as string[] | undefined) ?? []).join(', ')}${event.sequential ? ' (one after another)' : ''}`;
    case 'bridged':
      return `< Connected to ${text('to')}`;
    case 'dial-ended':
      return `< Dial ended: ${text('status')}`;
    case 'enqueue':
      return `< Enqueue ${text('queue')} (position ${text('position')})`;
    case 'conference-wait':
      return `< Waiting in conference ${text('conference')}`;
    case 'conference-start':
      return `< Conference ${text('conference')} started`;
    case 'pay':
      return `< Pay${event.chargeAmount ? ` ${text('chargeAmount')} ${text('currency')}` : ''}`;
    case 'sms':
      return `< SMS to ${text('to')}: ${text('body')}`;
    case 'reject':
      return `< Reject (${text('reason')})`;
    case 'hangup':
      // The caller's own hangup is the echoed /hangup or /quit.
      return event.by === 'handset' ? undefined : '< Hangup';
    case 'warning':
    case 'error':
      return `[${event.type} ${text('code')}: ${text('message')}]`;
    default:
      return undefined;
  }
}
