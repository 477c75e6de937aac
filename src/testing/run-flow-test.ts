import { webhookUrl } from '../api/studio/studio-resources.ts';
import { defaultHandset, type VoiceNotice } from '../carrier/emulator/voice/voice-network.ts';
import { newNumberRecord } from '../carrier/emulator/number-record.ts';
import type { Step } from '../engine/execution-state.ts';
import { isoNow } from '../engine/services.ts';
import { endedCallStatuses, type ExecutionRecord, type FlowRecord, type MessageRecord } from '../store/records.ts';
import { enteredWidgets } from './entered-widgets.ts';
import { bodyData, describeMatcher, subsetMismatch, textMatches, urlMatches } from './expectations.ts';
import type { AnswerMode, Expectation, FlowTestCase, HttpMock, TextMatcher, Turn } from './flow-test.ts';
import { heardPrompt } from './heard-prompt.ts';
import type { HttpExchange } from './mock-http.ts';
import { seedOf, type TestWorld } from './test-world.ts';

/** Why a test failed: at which turn (0 = before the first) and line, what was expected and what happened. */
export interface TestFailure {
  turn: number;
  line: number;
  /** The turn as written. */
  what: string;
  expected: string;
  actual: string;
}

export interface TestOutcome {
  test: FlowTestCase;
  failure?: TestFailure;
  /** Every step of every execution the test set off, in order. */
  steps: Step[];
  usedMocks: Set<HttpMock>;
  milliseconds: number;
}

/** A message to the contact: a text to its phone, or a flow's message in its conversation. */
interface MessageToContact {
  body: string;
  media?: string;
}

/** A turn that did not go as expected; caught by the run and reported. */
class TurnFailed extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    /** Which expectation of an expect turn failed. */
    readonly check?: keyof Expectation,
  ) {
    super(expected);
  }
}

/** How many times in a row time moves on by itself after a turn (timers due at once, pauses). */
const maxSettleRounds = 100;

/**
 * Runs one test in the world on its file's published flow: gives the flow the test's number,
 * plays the turns as the contact under the test's own SIDs, checks the expectations, and clears
 * up after itself.
 */
export async function runFlowTest(world: TestWorld, flow: FlowRecord, test: FlowTestCase, identity: string): Promise<TestOutcome> {
  const started = performance.now();
  const run = new FlowTestRun(world, flow, test);
  let failure: TestFailure | undefined;
  let steps: Step[] = [];
  try {
    failure = await run.play(identity);
  } finally {
    steps = await run.steps();
    await run.cleanUp();
  }
  return { test, failure, steps, usedMocks: run.usedMocks, milliseconds: performance.now() - started };
}

class FlowTestRun {
  readonly usedMocks = new Set<HttpMock>();
  private numberSid?: string;
  /** By SID, in the order they came: a message is reported again at each change of its status. */
  private readonly messages = new Map<string, MessageToContact>();
  /** The conversation a `conversation` test talks in. */
  private conversationSid?: string;
  /** What the contact heard on its calls: each <Say> text and <Play> URL. */
  private readonly prompts: string[] = [];
  private readonly calls = new Map<string, { status: string }>();
  private messagesExpected = 0;
  private promptsExpected = 0;
  private readonly exchangesExpected = new Set<HttpExchange>();
  private readonly unlisten: Array<() => void> = [];

  constructor(
    private readonly world: TestWorld,
    private readonly flow: FlowRecord,
    private readonly test: FlowTestCase,
  ) {}

  private get context() {
    return this.world.server.context;
  }

  async play(identity: string): Promise<TestFailure | undefined> {
    let turn = 0;
    try {
      await this.setUp(identity);
      for (turn = 1; turn <= this.test.turns.length; turn++) {
        await this.take(this.test.turns[turn - 1]);
        this.failOnUnmockedRequest();
      }
      return undefined;
    } catch (error) {
      const line = turn === 0 ? this.test.line : this.test.turnLines[turn - 1];
      const written = turn === 0 ? `start (${this.test.channel})` : describeTurn(this.test.turns[turn - 1]);
      if (!(error instanceof TurnFailed)) return { turn, line, what: written, expected: 'the turn to run', actual: (error as Error).message };
      if (!error.check) return { turn, line, what: written, expected: error.expected, actual: error.actual };
      // An expect turn may check several things: point at the one that failed.
      const checkLine = this.test.checkLines[turn - 1]?.[error.check] ?? line;
      return { turn, line: checkLine, what: `expect ${error.check}`, expected: error.expected, actual: error.actual };
    }
  }

  private async setUp(identity: string): Promise<void> {
    const { virtualClock, store, network, voice, publicUrl } = this.context;
    const { server, http } = this.world;
    const flow = this.flow;
    virtualClock?.reset(Date.parse(this.test.start));
    this.world.seedSids(seedOf(identity));
    http.reset(this.test.mocks);
    const url = webhookUrl(publicUrl, server.account.sid, flow.sid);
    this.numberSid = this.context.sids.next('PN');
    await store.putNumber(newNumberRecord(this.numberSid, server.account.sid, this.test.number, isoNow(this.context.clock), { smsUrl: url, voiceUrl: url }));
    await this.setAnswer(this.test.contact, true);
    for (const [number, mode] of Object.entries(this.test.handsets)) await this.setAnswer(number, mode);

    const contact = this.test.contact;
    const onMessage = (message: MessageRecord) => {
      if (message.to !== contact || !message.direction.startsWith('outbound')) return;
      if (!this.messages.has(message.sid)) this.messages.set(message.sid, { body: message.body, media: message.mediaUrls[0] });
    };
    const onNotice = (notice: VoiceNotice) => {
      // The contact's own legs: its calls in, and calls to it. A leg the flow dials onward carries the contact's number as its caller ID, but is not the contact's.
      const call = notice.call;
      if (call && (call.to === contact || (call.from === contact && call.direction === 'inbound'))) this.calls.set(notice.callSid, { status: call.status });
      const event = notice.event;
      if (!event || !this.calls.has(notice.callSid)) return;
      const heard = heardPrompt(event);
      if (heard !== undefined) this.prompts.push(heard);
    };
    network.notices.on('message', onMessage);
    voice.notices.on('notice', onNotice);
    this.unlisten.push(
      () => network.notices.off('message', onMessage),
      () => voice.notices.off('notice', onNotice),
    );

    if (this.test.channel === 'conversation') {
      // As Twilio wires a conversation to Studio: the contact as an SMS participant, and a studio webhook naming the flow.
      const conversation = (await this.api('POST', '/v1/Conversations', { FriendlyName: this.test.name })) as { sid: string };
      this.conversationSid = conversation.sid;
      await this.api('POST', `/v1/Conversations/${conversation.sid}/Participants`, { 'MessagingBinding.Address': contact, 'MessagingBinding.ProxyAddress': this.test.number });
      await this.api('POST', `/v1/Conversations/${conversation.sid}/Webhooks`, { Target: 'studio', 'Configuration.FlowSid': flow.sid });
    } else if (this.test.channel === 'voice') {
      await this.api('POST', `/emulator/v1/Handsets/${encodeURIComponent(contact)}/Calls`, { To: this.test.number });
    } else if (this.test.channel === 'rest') {
      // The trigger may call the contact at once, so the test's leading `answer:` turns must hold before it.
      for (const turn of this.test.turns) {
        if (!('answer' in turn)) break;
        await this.setAnswer(contact, turn.answer);
      }
      await this.api('POST', `/v2/Flows/${flow.sid}/Executions`, { To: contact, From: this.test.number, Parameters: JSON.stringify(this.test.parameters) });
    }
    await this.settle();
    this.failOnUnmockedRequest();
  }

  private async take(turn: Turn): Promise<void> {
    const contact = encodeURIComponent(this.test.contact);
    if ('send' in turn && this.conversationSid) {
      await this.api('POST', `/v1/Conversations/${this.conversationSid}/Messages`, { Author: this.test.contact, Body: turn.send });
    } else if ('send' in turn) {
      await this.api('POST', `/emulator/v1/Handsets/${contact}/Messages`, { To: this.test.number, Body: turn.send });
    } else if ('press' in turn) {
      await this.onCall('Input', { Digits: turn.press });
    } else if ('say' in turn) {
      await this.onCall('Input', { Speech: turn.say });
    } else if ('record' in turn) {
      await this.onCall('Input', { Recording: turn.record });
    } else if ('hangup' in turn) {
      await this.onCall('Hangup');
    } else if ('answer' in turn) {
      await this.setAnswer(this.test.contact, turn.answer);
    } else if ('wait' in turn) {
      await this.advance(turn.wait === 'timeout' ? await this.secondsToNextTimer() : turn.wait);
    } else {
      await this.check(turn.expect);
      return;
    }
    await this.settle();
  }

  /** The call the contact is on (the latest that has not ended). */
  private liveCall(): string {
    const live = [...this.calls.entries()].filter(([, call]) => !endedCallStatuses.has(call.status));
    const latest = live.at(-1);
    if (!latest) throw new TurnFailed('a call in progress', this.calls.size === 0 ? 'no call' : 'the call has ended');
    return latest[0];
  }

  private async onCall(action: 'Input' | 'Hangup', form?: Record<string, string>): Promise<void> {
    await this.api('POST', `/emulator/v1/Calls/${this.liveCall()}/${action}`, form);
  }

  /** How a handset answers its next calls; handsets keep their settings, so every test sets all it uses. */
  private async setAnswer(handset: string, mode: AnswerMode): Promise<void> {
    const answerMode = { busy: 'busy', 'no-answer': 'no-answer', failed: 'fail' }[String(mode)] ?? 'auto';
    await this.api('POST', `/emulator/v1/Handsets/${encodeURIComponent(handset)}`, {
      AnswerMode: answerMode,
      AnswerDelay: '0',
      AnsweredBy: mode === 'machine' ? 'machine_start' : 'human',
    });
  }

  /** Seconds until the next timer: the network's (a gather's timeout, a ring) or a flow's wait. */
  private async secondsToNextTimer(): Promise<number> {
    const now = this.context.clock.now();
    const flowDues = (await this.executions()).filter((execution) => execution.status === 'active' && execution.dueAt).map((execution) => Date.parse(execution.dueAt as string));
    const dues = [this.context.virtualScheduler?.nextDue(), ...flowDues].filter((due): due is number => due !== undefined);
    if (dues.length === 0) throw new TurnFailed('something waiting for a timeout', 'nothing is waiting');
    return Math.max(0, Math.min(...dues) - now) / 1000;
  }

  private async advance(seconds: number): Promise<void> {
    await this.api('POST', '/emulator/v1/Clock', { Advance: String(seconds) });
  }

  /**
   * Lets the network finish what the last turn set off. Time moves on by itself only where the
   * contact could do nothing but hang up: timers due this instant fire, and a <Pause> passes.
   */
  private async settle(): Promise<void> {
    const { network, voice, virtualScheduler, clock } = this.context;
    for (let round = 0; round < maxSettleRounds; round++) {
      await network.idle();
      await voice.idle();
      const due = virtualScheduler?.nextDue();
      if (due === undefined) break;
      const pausing = [...this.calls.keys()].some((sid) => voice.live(sid)?.waitingFor === 'pause');
      if (due > clock.now() && !pausing) break;
      await this.advance(Math.max(0, due - clock.now()) / 1000);
    }
    if (this.conversationSid) await this.readConversation(this.conversationSid);
  }

  /** The flow's messages in the conversation (every author but the contact), added as they appear. */
  private async readConversation(sid: string): Promise<void> {
    const page = (await this.api('GET', `/v1/Conversations/${sid}/Messages?PageSize=1000`)) as { messages: Array<{ sid: string; author: string; body: string | null }> };
    for (const message of page.messages) {
      if (message.author !== this.test.contact && !this.messages.has(message.sid)) this.messages.set(message.sid, { body: message.body ?? '' });
    }
  }

  private failOnUnmockedRequest(): void {
    const unmocked = this.world.http.unmocked;
    if (unmocked) throw new TurnFailed('every HTTP request the flow makes to have a mock', unmocked.message);
  }

  // ---- expectations ----

  private async check(expectation: Expectation): Promise<void> {
    const messages = [...this.messages.values()];
    if (expectation.message !== undefined) {
      const message = messages[this.messagesExpected];
      const actual = message ? JSON.stringify(message.body) + (message.media ? ` with media ${message.media}` : '') : this.noneLeft('message', messages.length);
      if (!message || !textMatches(expectation.message, message.body, message.media)) throw new TurnFailed(`a message ${describeMatcher(expectation.message)}`, actual, 'message');
      this.messagesExpected++;
    }
    if (expectation.heard !== undefined) this.checkHeard(expectation.heard);
    if (expectation.no_message) {
      const unexpected = messages.slice(this.messagesExpected);
      if (unexpected.length > 0) throw new TurnFailed('no more messages', unexpected.map((message) => JSON.stringify(message.body)).join(', '), 'no_message');
    }
    if (expectation.http) this.checkHttp(expectation.http);
    const execution = expectation.variables || expectation.widgets || expectation.path || expectation.ended !== undefined ? (await this.executions()).at(-1) : undefined;
    const context = execution?.state.context;
    if (expectation.variables !== undefined) this.checkSubset('variables', 'flow.variables', expectation.variables, context?.flow.variables);
    if (expectation.widgets !== undefined) this.checkSubset('widgets', 'widgets', expectation.widgets, context?.widgets);
    if (expectation.path !== undefined) {
      const path = execution ? enteredWidgets(await this.stepsOf(execution)) : [];
      if (JSON.stringify(path) !== JSON.stringify(expectation.path)) throw new TurnFailed(expectation.path.join(' → ') || '(no widgets)', path.join(' → ') || '(no widgets)', 'path');
    }
    if (expectation.ended !== undefined) {
      const ended = execution?.status === 'ended';
      if (!execution) throw new TurnFailed(expectation.ended ? 'the execution to have ended' : 'an active execution', 'no execution started', 'ended');
      if (ended !== expectation.ended) throw new TurnFailed(expectation.ended ? 'the execution to have ended' : 'the execution to be active', ended ? 'it has ended' : `it is active, waiting in ${lastWidget(await this.stepsOf(execution))}`, 'ended');
    }
  }

  private checkHeard(matcher: TextMatcher): void {
    const prompt = this.prompts[this.promptsExpected];
    if (prompt === undefined || !textMatches(matcher, prompt)) {
      throw new TurnFailed(`to hear ${describeMatcher(matcher)}`, prompt !== undefined ? JSON.stringify(prompt) : this.noneLeft('prompt', this.prompts.length), 'heard');
    }
    this.promptsExpected++;
  }

  private checkHttp(expected: NonNullable<Expectation['http']>): void {
    const exchanges = this.world.http.exchanges;
    const match = exchanges.find(
      (exchange) =>
        !this.exchangesExpected.has(exchange) &&
        urlMatches(expected.url, exchange.url) &&
        (!expected.method || expected.method === exchange.method) &&
        (expected.body === undefined || (typeof expected.body === 'string' ? exchange.body === expected.body : !subsetMismatch(expected.body, bodyData(exchange.body, exchange.contentType)))),
    );
    if (!match) {
      const made = exchanges.map((exchange) => `${exchange.method} ${exchange.url}${exchange.body ? ` ${exchange.body}` : ''}`);
      const wanted = `${expected.method ?? 'a request'} to ${expected.url}${expected.body === undefined ? '' : ` with body ${JSON.stringify(expected.body)}`}`;
      throw new TurnFailed(wanted, made.length === 0 ? 'no HTTP requests' : made.join('; '), 'http');
    }
    this.exchangesExpected.add(match);
  }

  private checkSubset(check: 'variables' | 'widgets', name: string, expected: Record<string, unknown>, actual: unknown): void {
    const mismatch = subsetMismatch(expected, actual ?? {});
    if (!mismatch) return;
    const pick = (value: unknown) => mismatch.split(/\.|\[(\d+)\]/).filter(Boolean).reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
    throw new TurnFailed(`${name}.${mismatch} = ${JSON.stringify(pick(expected))}`, `${name}.${mismatch} = ${JSON.stringify(pick(actual)) ?? '(not set)'}`, check);
  }

  private noneLeft(kind: string, total: number): string {
    return total === 0 ? `no ${kind}s` : `no more ${kind}s (all ${total} already expected)`;
  }

  // ---- the record ----

  private async executions(): Promise<ExecutionRecord[]> {
    const list = await this.context.store.listExecutions(this.flow.sid, {}, { offset: 0, limit: 1000 });
    return list.sort((a, b) => a.dateCreated.localeCompare(b.dateCreated) || a.sid.localeCompare(b.sid));
  }

  private async stepsOf(execution: ExecutionRecord): Promise<Step[]> {
    const records = await this.context.store.listSteps(execution.sid, { offset: 0, limit: 1000 });
    return records.sort((a, b) => a.index - b.index).map((record) => record.step);
  }

  async steps(): Promise<Step[]> {
    const steps: Step[] = [];
    for (const execution of await this.executions()) steps.push(...(await this.stepsOf(execution)));
    return steps;
  }

  /**
   * Ends what the test left running and takes its executions and number away, so that the next
   * test starts on a quiet network with a flow that has run nothing.
   */
  async cleanUp(): Promise<void> {
    for (const exchange of this.world.http.exchanges) if (exchange.mock) this.usedMocks.add(exchange.mock);
    const { runtime, voice, network, store } = this.context;
    await voice.hangUpAll();
    for (const execution of await this.executions()) {
      if (execution.status === 'active') await runtime.endExecution(execution);
      await store.deleteExecution(execution.sid);
    }
    await network.idle();
    for (const unlisten of this.unlisten) unlisten();
    for (const address of Object.keys(this.test.handsets)) await store.putHandset(defaultHandset(address));
    if (this.numberSid) await store.deleteNumber(this.numberSid);
  }

  /** fetch-free: the emulator's own routes through Fastify's inject, with the account's credentials. */
  private async api(method: string, path: string, form?: Record<string, string>): Promise<unknown> {
    const { account, app } = this.world.server;
    const response = await app.inject({
      method: method as 'GET' | 'POST',
      url: path,
      headers: {
        authorization: `Basic ${Buffer.from(`${account.sid}:${account.authToken}`).toString('base64')}`,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? new URLSearchParams(form).toString() : undefined,
    });
    const body = response.json() as { message?: string; code?: number };
    if (response.statusCode >= 400) throw new TurnFailed(`${method} ${path} to succeed`, `${response.statusCode}: ${body.message ?? ''}${body.code ? ` (${body.code})` : ''}`);
    return body;
  }
}

function lastWidget(steps: Step[]): string {
  return steps.at(-1)?.transitioned_to ?? 'Trigger';
}

/** A turn as the test file writes it, on one line. */
export function describeTurn(turn: Turn): string {
  const [[kind, value]] = Object.entries(turn);
  if (kind === 'hangup') return 'hangup';
  return `${kind}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
}
