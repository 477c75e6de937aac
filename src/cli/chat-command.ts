import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { compileFlow, type CompiledFlow } from '../engine/compiled-flow.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import type { ExecutionState, Sprint, Trigger } from '../engine/execution-state.ts';
import type { MessageSender } from '../engine/services.ts';
import { VirtualClock } from '../runtime/clock.ts';
import { createFetchHttpClient } from '../runtime/fetch-http-client.ts';
import { inboundMessageParams } from '../carrier/inbound-message-params.ts';
import { seededSids } from '../runtime/sid-generator.ts';
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
 * stops. HTTP widgets call the real URLs.
 */
export async function chatCommand(file: string, options: ChatOptions, io: ChatIO): Promise<number> {
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
  const session = new ChatSession(compileFlow(loaded.definition, 'FW' + '0'.repeat(32)), options, io);
  io.print(`Chatting with ${file} from ${options.from} to ${options.to}. Type a message; /timeout fires the pending timeout; /quit ends.`);
  if (data) await session.startByRequest(data);
  for await (const line of createInterface({ input: io.input, crlfDelay: Infinity })) {
    if (line.trim() === '/quit') break;
    await session.handle(line);
  }
  // An open terminal would keep the process alive after /quit.
  io.input.destroy();
  return 0;
}

class ChatSession {
  private readonly clock = new VirtualClock(Date.now());
  private readonly sids = seededSids(Date.now() % 2 ** 32);
  private readonly accountSid = this.sids.next('AC');
  private readonly engine: Engine;
  private execution?: ExecutionState;

  constructor(
    private readonly flow: CompiledFlow,
    private readonly options: ChatOptions,
    private readonly io: ChatIO,
  ) {
    const messages: MessageSender = {
      send: async (message) => {
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
    this.engine = createEngine({ clock: this.clock, sids: this.sids, http: createFetchHttpClient(), messages });
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
    this.report(await this.engine.start(this.flow, trigger));
  }

  private async fireTimeout(): Promise<void> {
    const wait = this.execution?.wait;
    if (!this.execution || !wait) return this.io.print('[nothing is waiting for a timeout]');
    this.clock.advanceTo(Date.parse(wait.dueAt));
    this.report(await this.engine.resume(this.flow, this.execution, { type: wait.dueEvent }));
  }

  private report(sprint: Sprint): void {
    if (sprint.rejected) {
      this.io.print(`[message dropped: ${sprint.error?.code} ${sprint.error?.message}]`);
      return;
    }
    this.execution = sprint.state;
    if (this.options.steps) {
      for (const step of sprint.steps) this.io.print(`  · ${step.transitioned_from} --${step.name}--> ${step.transitioned_to}`);
    }
    const ended = sprint.state.ended;
    if (ended?.error) this.io.print(`[execution ended with error ${ended.error.code}: ${ended.error.message}]`);
    else if (ended) this.io.print('[execution ended]');
  }
}
