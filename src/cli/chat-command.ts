import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { compileFlow, type CompiledFlow } from '../engine/compiled-flow.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import type { ExecutionState, Sprint, Step, Trigger } from '../engine/execution-state.ts';
import type { MessageSender } from '../engine/services.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { createFetchHttpClient } from '../runtime/fetch-http-client.ts';
import { inboundMessageParams } from '../carrier/inbound-message-params.ts';
import { seededSids } from '../runtime/sid-generator.ts';
import { enteredWidgets } from '../testing/entered-widgets.ts';
import { SessionRecording } from '../testing/session-recording.ts';
import { readFlowFile } from './read-flow-file.ts';

export interface ChatOptions {
  /** The contact's number: the person chatting. */
  from: string;
  /** The flow's number. */
  to: string;
  /** JSON for `flow.data`; given, the flow starts at once with a REST trigger. */
  data?: string;
  steps?: boolean;
  /** Call the flow from a handset instead (src/cli/voice-chat.ts). */
  voice?: boolean;
  /** Write the session as a flow test file here when the chat ends. */
  record?: string;
}

export interface ChatIO {
  input: Readable;
  print: (line: string) => void;
  /** Echo the contact's lines, for input that is not typed at a terminal. */
  echo: boolean;
}

/**
 * `switchboard chat`: an SMS conversation with a flow in the terminal, in memory. Each line is a
 * message from the contact; `/timeout` fires the pending wait's timeout, `/quit` or end of input
 * stops. HTTP widgets call the real URLs. With `record`, the session is written as a flow test
 * file when the chat ends, the HTTP it made becoming the test's mocks.
 */
export async function chatCommand(file: string, options: ChatOptions, io: ChatIO): Promise<number> {
  if (options.record !== undefined && file === '-') {
    io.print('--record needs a flow file: the recorded test names it');
    return 1;
  }
  if (options.voice) {
    const { voiceChatCommand } = await import('./voice-chat.ts');
    return voiceChatCommand(file, options, io);
  }
  const loaded = await readFlowFile(file);
  if (!loaded.definition || !loaded.result.valid) {
    io.print(`${file} is not a valid flow:`);
    for (const error of loaded.result.errors) io.print(`  ${error.property_path}: ${error.message}`);
    return 1;
  }
  let data: Record<string, unknown> | undefined;
  if (options.data !== undefined) {
    try {
      data = JSON.parse(options.data);
    } catch (error) {
      io.print(`--data is not JSON: ${(error as Error).message}`);
      return 1;
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      io.print('--data must be a JSON object');
      return 1;
    }
  }
  const recording = options.record === undefined
    ? undefined
    : new SessionRecording(options.record, { flowFile: file, channel: data ? 'rest' : 'sms', contact: options.from, number: options.to, parameters: data });
  const session = new ChatSession(compileFlow(loaded.definition, 'FW' + '0'.repeat(32)), options, io, recording);
  io.print(`Chatting with ${file} from ${options.from} to ${options.to}. Type a message; /timeout fires the pending timeout; /quit ends.`);
  if (data) await session.startByRequest(data);
  for await (const line of createInterface({ input: io.input, crlfDelay: Infinity })) {
    if (line.trim() === '/quit') break;
    await session.handle(line);
  }
  // An open terminal would keep the process alive after /quit.
  io.input.destroy();
  if (!recording) return 0;
  const saved = await recording.save('recorded chat', enteredWidgets(session.steps), session.ended);
  io.print(saved.report);
  return saved.written ? 0 : 1;
}

class ChatSession {
  private readonly clock = new VirtualClock(Date.now());
  private readonly sids = seededSids(Date.now() % 2 ** 32);
  private readonly accountSid = this.sids.next('AC');
  private readonly engine: Engine;
  private execution?: ExecutionState;
  /** The steps of the latest execution, for a recording's `path`. */
  steps: Step[] = [];

  constructor(
    private readonly flow: CompiledFlow,
    private readonly options: ChatOptions,
    private readonly io: ChatIO,
    private readonly recording?: SessionRecording,
  ) {
    const messages: MessageSender = {
      send: async (message) => {
        const text = message.body ?? '';
        // A test expects the messages to the contact; a flow may text others too.
        if (message.to === options.from) recording?.add({ expect: { message: message.mediaUrl ? { text, media: message.mediaUrl } : text } });
        io.print(`< ${message.body ?? `[template ${message.contentSid}]`}${message.mediaUrl ? ` [media: ${message.mediaUrl}]` : ''}`);
        return {
          Sid: this.sids.next('SM'),
          Status: 'queued',
          AccountSid: this.accountSid,
          Body: message.body ?? '',
          From: message.from,
          To: message.to,
          Direction: 'outbound-api',
          NumMedia: message.mediaUrl ? '1' : '0',
          NumSegments: '1',
        };
      },
    };
    const http = createFetchHttpClient();
    this.engine = createEngine({ clock: this.clock, sids: this.sids, http: recording?.http(http) ?? http, messages });
  }

  get ended(): boolean {
    return this.execution?.status === 'ended';
  }

  async startByRequest(data: Record<string, unknown>): Promise<void> {
    const { from: contact, to: flowAddress } = this.options;
    await this.start({
      kind: 'request',
      contactAddress: contact,
      flowAddress,
      params: { from: flowAddress, to: contact, parameters: data },
      data,
    });
  }

  async handle(line: string): Promise<void> {
    if (this.io.echo) this.io.print(`> ${line}`);
    if (line.trim() === '/timeout') return this.fireTimeout();
    this.recording?.add({ send: line });
    const params = inboundMessageParams({
      accountSid: this.accountSid,
      messageSid: this.sids.next('SM'),
      from: this.options.from,
      to: this.options.to,
      body: line,
    });
    const execution = this.execution;
    if (execution?.status !== 'active') {
      return this.start({ kind: 'message', contactAddress: this.options.from, flowAddress: this.options.to, params });
    }
    this.report(await this.engine.resume(this.flow, execution, { type: 'incomingMessage', params }));
  }

  private async start(trigger: Trigger): Promise<void> {
    this.steps = [];
    this.report(await this.engine.start(this.flow, trigger));
  }

  private async fireTimeout(): Promise<void> {
    const wait = this.execution?.wait;
    if (!this.execution || !wait) return this.io.print('[nothing is waiting for a timeout]');
    this.recording?.add({ wait: 'timeout' });
    this.clock.advanceTo(Date.parse(wait.dueAt));
    this.report(await this.engine.resume(this.flow, this.execution, { type: wait.dueEvent }));
  }

  private report(sprint: Sprint): void {
    if (sprint.rejected) {
      this.io.print(`[message dropped: ${sprint.error?.code} ${sprint.error?.message}]`);
      return;
    }
    this.execution = sprint.state;
    this.steps.push(...sprint.steps);
    if (this.options.steps) {
      for (const step of sprint.steps) this.io.print(`  · ${step.transitioned_from} --${step.name}--> ${step.transitioned_to}`);
    }
    const ended = sprint.state.ended;
    if (ended?.error) this.io.print(`[execution ended with error ${ended.error.code}: ${ended.error.message}]`);
    else if (ended) this.io.print('[execution ended]');
  }
}
