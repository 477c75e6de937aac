import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino, type DestinationStream } from 'pino';
import type { AppContext } from '../api/app-context.ts';
import { webhookUrl } from '../api/studio/studio-resources.ts';
import { EmulatedConversations } from '../carrier/emulator/conversations.ts';
import { EmulatedNetwork } from '../carrier/emulator/emulated-network.ts';
import { newNumberRecord } from '../carrier/emulator/number-record.ts';
import { TwilioCarrier } from '../carrier/twilio/twilio-carrier.ts';
import type { TwilioCredentials } from '../carrier/twilio/twilio-client.ts';
import { isoNow, type Clock, type HttpClient, type SidGenerator } from '../engine/services.ts';
import { systemClock } from '../runtime/clock.ts';
import { systemScheduler, VirtualScheduler } from '../runtime/scheduler.ts';
import { VoiceNetwork } from '../carrier/emulator/voice/voice-network.ts';
import type { VoiceOptions } from '../carrier/emulator/voice/voice-options.ts';
import { restoreVirtualClock } from '../runtime/saved-virtual-clock.ts';
import { createFetchHttpClient } from '../runtime/fetch-http-client.ts';
import { FlowLibrary } from '../runtime/flow-library.ts';
import { FlowRuntime } from '../runtime/flow-runtime.ts';
import { randomSids } from '../runtime/sid-generator.ts';
import type { AccountRecord } from '../store/records.ts';
import { SqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { buildApp } from './app.ts';

export interface ServerOptions {
  port: number;
  host: string;
  /** SQLite file, or ':memory:'. */
  db: string;
  clock: 'system' | 'virtual';
  /** The base URL the carrier and clients reach this server at; defaults to http://localhost:<port>. */
  publicUrl?: string;
  logLevel: string;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
  verifySignatures: boolean;
  /** Load examples/ and buy a number for the order bot on first start. */
  examples: boolean;
  /** Choices the voice reference leaves open. */
  voice?: Partial<VoiceOptions>;
  /** Credentials for the default account (else from the store, else generated). */
  accountSid?: string;
  authToken?: string;
  sids?: SidGenerator;
  /** The HTTP flows make (make-http-request, run-function), instead of fetch: `switchboard test`'s mocks. */
  httpClient?: HttpClient;
  /**
   * `--carrier twilio`: flows send and call through this Twilio account, which becomes the local
   * account (its auth token checks the webhooks' signatures). The emulator stays for its own API.
   */
  twilio?: TwilioCredentials;
}

export interface RunningServer {
  app: FastifyInstance;
  context: AppContext;
  account: AccountRecord;
  url: string;
  /** The order bot's number, when the examples are loaded. */
  exampleNumber?: string;
  close(): Promise<void>;
}

const examplesFolder = join(import.meta.dirname, '..', '..', 'examples');
export const exampleNumber = '+15555550100';
/** The pizza IVR answers calls here; its transfer rings the shop's handset. */
export const ivrExampleNumber = '+15555550101';
/** The example flows that get a number on first start, and which of its webhooks points at them. */
const exampleNumbers: Record<string, { phoneNumber: string; friendlyName: string; webhook: 'smsUrl' | 'voiceUrl' }> = {
  'order-bot.json': { phoneNumber: exampleNumber, friendlyName: 'Order bot example', webhook: 'smsUrl' },
  'pizza-ivr.json': { phoneNumber: ivrExampleNumber, friendlyName: 'Pizza IVR example', webhook: 'voiceUrl' },
};
/** How often the system clock's scheduler looks for due timers. */
const timerIntervalMs = 1000;

/**
 * A throwaway server for one process's own use (the voice chat, tests, benchmarks): an
 * in-memory store, no examples, on a free loopback port, silent; `clock` and the rest as given.
 */
export function throwawayServer(options: Pick<ServerOptions, 'clock'> & Partial<ServerOptions>): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', db: ':memory:', logLevel: 'silent', verifySignatures: true, examples: false, ...options });
}

/** Opens the store, sets up the account, the emulator and the runtime, and starts listening. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = pino({ level: options.logLevel, redact: ['authToken', '*.authToken', 'password', '*.password', 'req.headers.authorization'] }, options.logStream);
  const store = new SqliteStore(options.db);
  const sids = options.sids ?? randomSids;
  const virtualClock = options.clock === 'virtual' ? await restoreVirtualClock(store) : undefined;
  const clock: Clock = virtualClock ?? systemClock;
  const account = await defaultAccount(store, clock, sids, options);
  const network = new EmulatedNetwork(store, clock, sids, logger);
  const virtualScheduler = virtualClock ? new VirtualScheduler() : undefined;
  // The public URL is known once the server listens; the voice network reads it when it needs it.
  const voice = new VoiceNetwork({
    store,
    clock,
    scheduler: virtualScheduler ?? systemScheduler,
    sids,
    logger,
    messaging: network,
    publicUrl: () => context.publicUrl,
    virtualTime: virtualClock !== undefined,
    options: options.voice,
  });
  const conversations = new EmulatedConversations({
    store,
    clock,
    sids,
    logger,
    flowWebhookUrl: (accountSid, flowSid) => webhookUrl(context.publicUrl, accountSid, flowSid),
  });
  const twilioCarrier = options.twilio
    ? new TwilioCarrier({ credentials: options.twilio, publicUrl: () => context.publicUrl, clock, logger })
    : undefined;
  const runtime = new FlowRuntime({
    store,
    carrier: twilioCarrier ?? network,
    calls: twilioCarrier ?? voice,
    conversations,
    publicUrl: () => context.publicUrl,
    clock,
    sids,
    logger,
    httpClientFor: (owner) => options.httpClient ?? createFetchHttpClient({ twilioAuth: { username: owner.sid, password: owner.authToken } }),
  });
  const context: AppContext = {
    store,
    runtime,
    flows: new FlowLibrary(store, clock, sids),
    network,
    voice,
    twilioCarrier,
    conversations,
    clock,
    virtualClock,
    virtualScheduler,
    sids,
    logger,
    publicUrl: options.publicUrl ?? '',
    verifySignatures: options.verifySignatures,
  };
  const app = await buildApp(context);
  await app.listen({ port: options.port, host: options.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  context.publicUrl = (options.publicUrl ?? `http://localhost:${port}`).replace(/\/$/, '');
  // A real Twilio account's token stays where the user keeps it (the environment), never on disk.
  if (options.db !== ':memory:' && !options.twilio) await writeFile(join(dirname(options.db), 'credentials'), `${account.sid}:${account.authToken}\n`, { mode: 0o600 });
  if (options.examples) await loadExamplesOnce(context, account);
  const example = await store.findNumber(exampleNumber);

  // Messages and timers left by an earlier run go on now; the system clock then checks every second.
  await network.resumeDeliveries();
  await voice.endStaleCalls();
  await runtime.runDueTimers();
  const timer = virtualClock ? undefined : setInterval(() => void runtime.runDueTimers().catch((error) => logger.error({ err: error }, 'timers failed')), timerIntervalMs);

  let closed = false;
  return {
    app,
    context,
    account,
    url: context.publicUrl,
    exampleNumber: example?.accountSid === account.sid ? example.phoneNumber : undefined,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await voice.hangUpAll();
      await app.close();
      await network.idle();
      await store.close();
    },
  };
}

/**
 * The Twilio account when the carrier is Twilio, else the account from the environment, else the
 * stored one, else a new one. A Twilio account reached with an API key only keeps a token of its
 * own for the local API (webhook signatures cannot be checked then).
 */
async function defaultAccount(store: Store, clock: Clock, sids: SidGenerator, options: ServerOptions): Promise<AccountRecord> {
  const now = isoNow(clock);
  const sid = options.twilio?.accountSid ?? options.accountSid;
  const token = options.twilio ? options.twilio.authToken : options.authToken;
  if (sid && (token || options.twilio)) {
    const existing = await store.getAccount(sid);
    const account = { sid, authToken: token ?? existing?.authToken ?? randomBytes(16).toString('hex'), friendlyName: 'Switchboard', dateCreated: existing?.dateCreated ?? now };
    await store.putAccount(account);
    return account;
  }
  const [stored] = await store.listAccounts();
  if (stored) return stored;
  const account = { sid: sids.next('AC'), authToken: randomBytes(16).toString('hex'), friendlyName: 'Switchboard', dateCreated: now };
  await store.putAccount(account);
  return account;
}

/** On a store's first start: every example flow, published, and numbers for the order bot and the IVR. */
async function loadExamplesOnce(context: AppContext, account: AccountRecord): Promise<void> {
  const { store, flows, sids, clock } = context;
  if (await store.getSetting('examplesLoaded')) return;
  for (const file of (await readdir(examplesFolder)).filter((name) => name.endsWith('.json')).sort()) {
    const definition = await readFile(join(examplesFolder, file), 'utf8');
    const flow = await flows.create(account.sid, { friendlyName: file.replace(/\.json$/, ''), status: 'published', definition, commitMessage: 'Example' });
    const number = exampleNumbers[file];
    if (!number || (await store.findNumber(number.phoneNumber))) continue;
    await store.putNumber(
      newNumberRecord(sids.next('PN'), account.sid, number.phoneNumber, isoNow(clock), {
        friendlyName: number.friendlyName,
        [number.webhook]: webhookUrl(context.publicUrl, account.sid, flow.sid),
      }),
    );
  }
  await store.putSetting('examplesLoaded', 'true');
}

/**
 * Opens the web app signed in as the account. The credentials ride in the fragment, which the
 * browser never sends to a server; the app keeps them and drops them from the address bar.
 */
export function signInUrl(url: string, account: AccountRecord): string {
  return `${url}/#/signin?account=${account.sid}&token=${account.authToken}`;
}

/** The start banner: where everything is, and the credentials to use (a real Twilio auth token is never printed). */
export function banner(server: RunningServer, options: ServerOptions): string {
  const { url, account } = server;
  const twilio = options.twilio;
  const lines = [
    `Switchboard is running at ${url}`,
    twilio ? `  Web app              ${url}/ (sign in with the Account SID and your Twilio auth token)` : `  Web app (signs in)   ${signInUrl(url, account)}`,
    `  Studio REST API v2   ${url}/v2/Flows`,
    `  Twilio 2010 API      ${url}/2010-04-01/Accounts/${account.sid}`,
    `  Emulated handsets    ${url}/emulator/v1/Handsets/{number}/Messages and /Calls`,
    `  Browser clients      ${url.replace(/^http/, 'ws')}/emulator/v1/Clients?token=…`,
    `  Account SID          ${account.sid}`,
    twilio ? '  Auth token           the Twilio account\'s (not shown)' : `  Auth token           ${account.authToken}`,
    `  Database             ${options.db}   Clock: ${options.clock}`,
  ];
  if (twilio) {
    lines.push(
      `  Carrier              Twilio at ${twilio.baseUrl ?? 'https://api.twilio.com'}: flows send and call through it`,
      `  Webhooks checked     ${options.verifySignatures ? `X-Twilio-Signature against ${url}` : 'not at all (--no-verify-signatures)'}`,
      `  Connect a number     switchboard numbers connect +1… --flow <name or FW…> --server ${url}`,
    );
  }
  // The examples' curl lines carry the token: not for a real account.
  const number = twilio ? undefined : server.exampleNumber;
  if (number) {
    lines.push(
      '',
      `The order bot answers texts to ${number}. Text it from a handset:`,
      `  curl -u ${account.sid}:${account.authToken} -d To=${encodeURIComponent(number)} -d Body=hi ${url}/emulator/v1/Handsets/+15551230000/Messages`,
      `  curl -u ${account.sid}:${account.authToken} ${url}/emulator/v1/Handsets/+15551230000/Messages`,
      `The pizza IVR answers calls to ${ivrExampleNumber}. Call it, then key a choice (the answer shows what the caller heard):`,
      `  curl -u ${account.sid}:${account.authToken} -d To=${encodeURIComponent(ivrExampleNumber)} ${url}/emulator/v1/Handsets/+15551230000/Calls`,
      `  curl -u ${account.sid}:${account.authToken} -d Digits=1 ${url}/emulator/v1/Calls/{the call's sid}/Input`,
    );
  }
  return lines.join('\n');
}
