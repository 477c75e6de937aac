/**
 * `npm run bench:voice`: many concurrent emulated calls, each running an IVR against a TwiML app
 * on loopback, with `switchboard serve` in its own process on the system clock.
 *
 * The app (a plain node:http server in this process) answers `/ivr` with a Gather (a Say inside)
 * followed by a Redirect back to `/ivr`, and the Gather's action `/choice` with a Say and a
 * Redirect to `/ivr`. Each run, with a new server and database:
 *  1. warms the server up with a few short calls, then reads its RSS with no call live (after a
 *     forced garbage collection);
 *  2. ramps up to N calls (`POST /emulator/v1/Handsets/{E164}/Calls`, a handset each), each
 *     answered once the call is parked at its first Gather: calls set up per second;
 *  3. keeps all N live while every call keys a digit (`POST /emulator/v1/Calls/{CA}/Input`) for
 *     a number of rounds: Input round trips/s, verb executions/s, TwiML documents/s, p50/p99
 *     round-trip latency, the server's CPU, and its RSS at the peak: (peak − idle) / N is the
 *     RSS per call; then a few Inputs one at a time, for the latency of an unloaded server;
 *  4. hangs every call up, checks through the 2010 Calls API that none is left live, and stops
 *     the server.
 * A bare Fastify route (bench/bare-fastify.ts), hit by the same client at the same concurrency,
 * is the baseline for the ratio. Figures are medians over the runs, with their spread.
 *
 * Verb executions are counted from the documents the app served: each /choice runs Say and
 * Redirect, each /ivr runs Gather and the Say inside it (and its Redirect after a Gather that
 * timed out). The server's heap after a forced garbage collection (through the inspector) is
 * shown beside RSS, as the memory calls really hold. The answers are checked: every call must stay
 * in progress and parked at its Gather, and answers whose transcript misses what the request just
 * caused are counted. Other processes' CPU during the steady state is shown: it is noise.
 *
 * Flags (or env): --calls N (BENCH_CALLS, 1000), --rounds R (BENCH_ROUNDS, 10),
 * --runs K (BENCH_RUNS, 3), --concurrency C (BENCH_CONCURRENCY, 64 requests in flight).
 * BENCH_SERVER_NODE_ARGS adds flags to the server's node; BENCH_CPU_PROFILE=<dir> saves the server's
 * CPU profile of each steady state there (open it in Chrome DevTools).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freePort, projectRoot, startProcess } from '../test/support/child-process.ts';

// ---- settings ----

function setting(flag: string, env: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  const text = at >= 0 ? process.argv[at + 1] : process.env[env];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} must be a whole number of at least 1, not "${text}"`);
  return value;
}

const calls = setting('--calls', 'BENCH_CALLS', 1000);
const rounds = setting('--rounds', 'BENCH_ROUNDS', 10);
const runs = setting('--runs', 'BENCH_RUNS', 3);
const concurrency = setting('--concurrency', 'BENCH_CONCURRENCY', 64);
const warmupCalls = Math.min(100, calls);
const warmupRounds = 3;
const unloadedInputs = Math.min(200, calls);
const targetCalls = 1000;
const targetKbPerCall = 50;

const accountSid = 'AC' + 'b'.repeat(32);
const authToken = 'c'.repeat(32);
const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
const platformNumber = '+15550001000';
/** A unique handset per call; warm-up calls come from another range. */
const handset = (index: number) => `+1555${String(2_000_000 + index).padStart(7, '0')}`;
const warmupHandset = (index: number) => `+1555${String(9_000_000 + index).padStart(7, '0')}`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- the HTTP client: keep-alive, at most `concurrency` sockets ----

const agent = new Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function send(base: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>, headers: Record<string, string> = { authorization }): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, {
      method,
      agent,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}) },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ---- the TwiML app on loopback ----

const ivrDocument = '<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="1" timeout="30" action="/choice"><Say>Press a key</Say></Gather><Redirect>/ivr</Redirect></Response>';
const choiceDocument = (digit: string) => `<?xml version="1.0" encoding="UTF-8"?><Response><Say>You chose ${digit}</Say><Redirect>/ivr</Redirect></Response>`;

interface TwimlApp {
  url: string;
  documents: { ivr: number; choice: number; other: number };
  close(): Promise<void>;
}

async function startApp(): Promise<TwimlApp> {
  const documents = { ivr: 0, choice: 0, other: 0 };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = (request.url ?? '').split('?')[0];
      if (path === '/ivr') {
        documents.ivr++;
        response.writeHead(200, { 'content-type': 'text/xml' }).end(ivrDocument);
      } else if (path === '/choice') {
        documents.choice++;
        const digit = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('Digits') ?? '';
        response.writeHead(200, { 'content-type': 'text/xml' }).end(choiceDocument(digit));
      } else {
        documents.other++;
        response.writeHead(404).end();
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    documents,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

// ---- the server in its own process ----

interface Server {
  child: ChildProcess;
  base: string;
  /** Log lines (pino JSON on stdout, anything on stderr) written after the banner. */
  logs: string[];
  /** The inspector's WebSocket URL. */
  inspector: Promise<string>;
  stop(): Promise<number | null>;
}

async function startServer(db: string): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = ['bin/switchboard.js', 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', db, '--no-examples', '--log-level', 'error'];
  const nodeArgs = ['--inspect=127.0.0.1:0', ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: projectRoot,
    env: { ...process.env, SWITCHBOARD_ACCOUNT_SID: accountSid, SWITCHBOARD_AUTH_TOKEN: authToken },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let ready = false;
  let banner = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const inspector = new Promise<string>((resolve) => {
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        const url = /Debugger listening on (ws:\/\/\S+)/.exec(line)?.[1];
        if (url) resolve(url);
        else if (!/^(For help, see|Debugger attached|Debugger ending|Waiting for the debugger)/.test(line)) logs.push(line);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (ready) {
        // Pino writes JSON lines; the banner and "Shutting down…" are plain text.
        logs.push(...chunk.split('\n').filter((line) => line.startsWith('{')));
        return;
      }
      banner += chunk;
      if (banner.includes('Switchboard is running')) {
        ready = true;
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`switchboard serve exited with ${code}: ${banner}\n${logs.join('\n')}`)));
  });
  return {
    child,
    base,
    logs,
    inspector,
    async stop() {
      child.kill('SIGTERM');
      const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timeout);
      return code;
    },
  };
}

/** A connection to the server's inspector, to collect garbage and read the heap's size. */
async function heapProbe(url: string) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let id = 0;
  const pending = new Map<number, (result: Record<string, number>) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, number> };
    if (message.id !== undefined) pending.get(message.id)?.(message.result ?? {});
  });
  const call = (method: string) => new Promise<Record<string, number>>((resolve) => {
    pending.set(++id, resolve);
    socket.send(JSON.stringify({ id, method }));
  });
  return {
    /** Starts the CPU profiler (BENCH_CPU_PROFILE); `stop` gives the profile as JSON. */
    async startProfile(): Promise<void> {
      await call('Profiler.enable');
      await call('Profiler.start');
    },
    async stopProfile(): Promise<string> {
      const result = (await call('Profiler.stop')) as unknown as { profile: unknown };
      return JSON.stringify(result.profile);
    },
    /** The heap in use after a full garbage collection, in kB. */
    async usedAfterGc(): Promise<number> {
      await call('HeapProfiler.collectGarbage');
      return (await call('Runtime.getHeapUsage')).usedSize / 1024;
    },
    close: () => new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.close();
    }),
  };
}

/** The process's resident set (VmRSS), in kB. */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
}

/** CPU seconds (user + system, every thread) the process has used so far. */
async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // utime and stime are fields 14 and 15; the command name before them may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds the whole machine has been busy (every core, every process) so far. */
async function machineBusySeconds(): Promise<number> {
  const [user, nice, system, _idle, _iowait, irq, softirq, steal] = (await readFile('/proc/stat', 'utf8')).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}

const ownCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Samples RSS every 100 ms and keeps the largest value seen since the last `reset`. */
function rssSampler(pid: number) {
  let max = 0;
  let last = 0;
  const timer = setInterval(() => {
    void rssOf(pid).then((rss) => {
      last = rss;
      max = Math.max(max, rss);
    }, () => {});
  }, 100);
  return {
    get max() { return max; },
    get last() { return last; },
    reset(to: number) { max = to; },
    stop() { clearInterval(timer); },
  };
}

// ---- statistics ----

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (values: number[]) => percentile(values, 50);

// ---- one call's life ----

interface CallJson {
  sid: string;
  status: string;
  waiting_for: string | null;
  events: Array<{ type: string; text?: string }>;
}

interface Tally {
  statuses: Map<number, number>;
  /** 409s (the call was between documents), retried. */
  conflicts: number;
  failures: string[];
  /** Gathers that timed out (seen in transcripts). */
  timeouts: number;
  /** Placement answers whose transcript lacks the Gather the call is parked at. */
  stalePlacements: number;
  /** Input answers whose transcript lacks the "You chose <digit>" the input just caused. */
  staleInputs: number;
  /** Hangup answers that still show the call in progress. */
  staleHangups: number;
}

const newTally = (): Tally => ({ statuses: new Map(), conflicts: 0, failures: [], timeouts: 0, stalePlacements: 0, staleInputs: 0, staleHangups: 0 });
const count = (tally: Tally, status: number) => tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);

class LiveCall {
  seen = 0;
  alive = true;
  constructor(readonly sid: string) {}

  /** The events the call heard since the last answer. */
  fresh(call: CallJson, tally: Tally): CallJson['events'] {
    const fresh = call.events.slice(this.seen);
    this.seen = Math.max(this.seen, call.events.length);
    tally.timeouts += fresh.filter((event) => event.type === 'gather-ended').length;
    return fresh;
  }
}

async function placeCall(base: string, from: string, tally: Tally, latencies?: number[]): Promise<LiveCall | undefined> {
  const answer = await send(base, 'POST', `/emulator/v1/Handsets/${encodeURIComponent(from)}/Calls`, { To: platformNumber });
  count(tally, answer.status);
  latencies?.push(answer.ms);
  if (answer.status !== 201) {
    tally.failures.push(`place ${from}: ${answer.status} ${answer.body.slice(0, 200)}`);
    return undefined;
  }
  const call = JSON.parse(answer.body) as CallJson;
  const live = new LiveCall(call.sid);
  if (!live.fresh(call, tally).some((event) => event.type === 'gather')) tally.stalePlacements++;
  if (call.status !== 'in-progress' || call.waiting_for !== 'gather') {
    tally.failures.push(`place ${from}: ${call.sid} is ${call.status}, waiting for ${call.waiting_for}`);
    live.alive = false;
  }
  return live;
}

/** Keys one digit; a 409 (the call is between documents) is retried. Returns the answer's size. */
async function keyDigit(base: string, call: LiveCall, digit: string, tally: Tally, latencies?: number[]): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const answer = await send(base, 'POST', `/emulator/v1/Calls/${call.sid}/Input`, { Digits: digit });
    count(tally, answer.status);
    if (answer.status === 409 && attempt < 50) {
      tally.conflicts++;
      await sleep(20);
      continue;
    }
    latencies?.push(answer.ms);
    if (answer.status !== 200) {
      tally.failures.push(`input ${call.sid}: ${answer.status} ${answer.body.slice(0, 200)}`);
      call.alive = false;
      return 0;
    }
    const json = JSON.parse(answer.body) as CallJson;
    if (!call.fresh(json, tally).some((event) => event.type === 'say' && event.text === `You chose ${digit}`)) tally.staleInputs++;
    if (json.status !== 'in-progress' || json.waiting_for !== 'gather') {
      tally.failures.push(`input ${call.sid}: the call is ${json.status}, waiting for ${json.waiting_for}`);
      call.alive = false;
    }
    return answer.body.length;
  }
}

async function hangUp(base: string, call: LiveCall, tally: Tally): Promise<void> {
  const answer = await send(base, 'POST', `/emulator/v1/Calls/${call.sid}/Hangup`);
  count(tally, answer.status);
  if (answer.status !== 200) {
    tally.failures.push(`hangup ${call.sid}: ${answer.status} ${answer.body.slice(0, 200)}`);
    return;
  }
  if ((JSON.parse(answer.body) as CallJson).status !== 'completed') tally.staleHangups++;
}

/** Every call keys `roundCount` digits; each worker owns every `workers`-th call, so a call has one request at a time. */
async function keyRounds(base: string, live: LiveCall[], roundCount: number, workers: number, tally: Tally, onRound?: (round: number) => void) {
  const latencies: number[] = [];
  const byRound = Array.from({ length: roundCount }, () => ({ latencies: [] as number[], bytes: [] as number[] }));
  const lanes = Math.min(workers, live.length);
  const done = new Array<number>(roundCount).fill(0);
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      const mine = live.filter((_call, index) => index % lanes === lane);
      for (let round = 0; round < roundCount; round++) {
        for (const [index, call] of mine.entries()) {
          if (!call.alive) continue;
          const digit = String(((round + index + lane) % 9) + 1);
          const before = latencies.length;
          const bytes = await keyDigit(base, call, digit, tally, latencies);
          if (latencies.length > before) byRound[round].latencies.push(latencies[latencies.length - 1]);
          byRound[round].bytes.push(bytes);
        }
        if (++done[round] === lanes) onRound?.(round + 1);
      }
    }),
  );
  return { latencies, byRound };
}

/** How many calls the 2010 API lists as in-progress, page by page. */
async function liveCallCount(base: string): Promise<number> {
  let path: string | null = `/2010-04-01/Accounts/${accountSid}/Calls.json?Status=in-progress&PageSize=1000`;
  let total = 0;
  while (path) {
    const answer = await send(base, 'GET', path);
    if (answer.status !== 200) throw new Error(`listing calls: ${answer.status} ${answer.body.slice(0, 200)}`);
    const page = JSON.parse(answer.body) as { calls: unknown[]; next_page_uri?: string | null };
    total += page.calls.length;
    path = page.calls.length > 0 ? page.next_page_uri ?? null : null;
  }
  return total;
}

/** The bare Fastify route, through the same client at the same concurrency: requests per second. */
async function baseline(requests: number): Promise<number> {
  const port = await freePort();
  const bare = await startProcess(['--import', 'tsx', 'bench/bare-fastify.ts', String(port)], 'listening');
  const base = `http://127.0.0.1:${port}`;
  const form = { CallSid: 'CA' + '0'.repeat(32), Digits: '1' };
  try {
    await pool(Array.from({ length: 2000 }), concurrency, async () => void (await send(base, 'POST', '/webhook', form, {})));
    const started = performance.now();
    await pool(Array.from({ length: requests }), concurrency, async () => {
      const answer = await send(base, 'POST', '/webhook', form, {});
      if (answer.status !== 200) throw new Error(`bare Fastify answered ${answer.status}`);
    });
    return requests / ((performance.now() - started) / 1000);
  } finally {
    bare.kill('SIGTERM');
  }
}

// ---- one run ----

interface RunResult {
  baselinePerSecond: number;
  setupPerSecond: number;
  setupP50: number;
  inputsPerSecond: number;
  verbsPerSecond: number;
  documentsPerSecond: number;
  p50: number;
  p99: number;
  unloadedP50: number;
  unloadedP99: number;
  serverCores: number;
  serverCpuMsPerInput: number;
  clientCores: number;
  /** Cores' worth of CPU other processes on the machine used meanwhile: noise when high. */
  othersCores: number;
  firstRoundP50: number;
  lastRoundP50: number;
  firstRoundBytes: number;
  lastRoundBytes: number;
  idleRssKb: number;
  parkedRssKb: number;
  parkedAfterGcRssKb: number;
  peakRssKb: number;
  afterHangupRssKb: number;
  idleHeapKb: number;
  parkedHeapKb: number;
  afterHangupHeapKb: number;
  steadyHeapKb: number;
  settledHeapKb: number;
  liveAtPeak: number;
  liveAfterHangup: number;
  tally: Tally;
  documentsOther: number;
  logs: string[];
  exitCode: number | null;
}

async function run(number: number): Promise<RunResult> {
  const label = `run ${number}/${runs}`;
  const baselinePerSecond = await baseline(20_000);
  log(`${label}: baseline, bare Fastify through the same client: ${baselinePerSecond.toFixed(0)} req/s`);

  const dir = await mkdtemp(join(tmpdir(), 'switchboard-voice-bench-'));
  const app = await startApp();
  const server = await startServer(join(dir, 'bench.db'));
  const pid = server.child.pid as number;
  const { base } = server;
  const heap = await heapProbe(await server.inspector);
  const sampler = rssSampler(pid);
  try {
    const bought = await send(base, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, {
      PhoneNumber: platformNumber, VoiceUrl: `${app.url}/ivr`, VoiceMethod: 'POST',
    });
    if (bought.status !== 201) throw new Error(`buying ${platformNumber}: ${bought.status} ${bought.body}`);

    // Warm-up: a few calls through a few rounds, hung up; then the idle RSS.
    const warmTally = newTally();
    const warm: LiveCall[] = [];
    await pool(Array.from({ length: warmupCalls }, (_, index) => index), concurrency, async (index) => {
      const call = await placeCall(base, warmupHandset(index), warmTally);
      if (call) warm.push(call);
    });
    await keyRounds(base, warm, warmupRounds, concurrency, warmTally);
    await pool(warm, concurrency, (call) => hangUp(base, call, warmTally));
    if (warmTally.failures.length > 0) throw new Error(`the warm-up failed: ${warmTally.failures.slice(0, 5).join('; ')}`);
    await sleep(1000);
    const idleHeapKb = await heap.usedAfterGc();
    const idleSamples: number[] = [];
    for (let sample = 0; sample < 5; sample++) {
      idleSamples.push(await rssOf(pid));
      await sleep(100);
    }
    const idleRssKb = median(idleSamples);
    log(`${label}: warmed up (${warmupCalls} calls × ${warmupRounds} rounds); no call live: RSS ${(idleRssKb / 1024).toFixed(1)} MB, heap after GC ${(idleHeapKb / 1024).toFixed(1)} MB`);

    // Ramp-up to N calls, each parked at its first Gather.
    const tally = newTally();
    const live: LiveCall[] = [];
    const setupLatencies: number[] = [];
    let placed = 0;
    const step = Math.max(1, Math.ceil(calls / 5));
    const rampStarted = performance.now();
    await pool(Array.from({ length: calls }, (_, index) => index), concurrency, async (index) => {
      const call = await placeCall(base, handset(index), tally, setupLatencies);
      if (call) live.push(call);
      if (++placed % step === 0 || placed === calls) {
        log(`${label}: ramp-up ${placed}/${calls} calls placed, ${((placed / (performance.now() - rampStarted)) * 1000).toFixed(0)}/s, RSS ${(sampler.last / 1024).toFixed(0)} MB`);
      }
    });
    const rampSeconds = (performance.now() - rampStarted) / 1000;
    const parkedRssKb = await rssOf(pid);
    sampler.reset(parkedRssKb);
    const parkedHeapKb = await heap.usedAfterGc();
    const parkedAfterGcRssKb = await rssOf(pid);
    const parked = live.filter((call) => call.alive).length;
    log(`${label}: ${parked} calls live, parked at the Gather: RSS ${(parkedRssKb / 1024).toFixed(1)} MB, heap after GC ${(parkedHeapKb / 1024).toFixed(1)} MB`);

    // Steady state: every call keys a digit per round, all N still live.
    const documentsBefore = { ...app.documents };
    const timeoutsBefore = tally.timeouts;
    const serverCpuBefore = await cpuSecondsOf(pid);
    const machineBefore = await machineBusySeconds();
    const ownCpuBefore = ownCpuSeconds();
    const profileDir = process.env.BENCH_CPU_PROFILE;
    if (profileDir) await heap.startProfile();
    const steadyStarted = performance.now();
    const steady = await keyRounds(base, live, rounds, concurrency, tally, (round) => {
      if (round === rounds || round % Math.max(1, Math.floor(rounds / 5)) === 0) {
        const elapsed = (performance.now() - steadyStarted) / 1000;
        log(`${label}: round ${round}/${rounds} done, ${((round * parked) / elapsed).toFixed(0)} inputs/s, RSS ${(sampler.last / 1024).toFixed(0)} MB`);
      }
    });
    const steadySeconds = (performance.now() - steadyStarted) / 1000;
    const serverCpu = (await cpuSecondsOf(pid)) - serverCpuBefore;
    if (profileDir) {
      const file = join(profileDir, `voice-bench-steady-${number}.cpuprofile`);
      await writeFile(file, await heap.stopProfile());
      log(`${label}: the steady state's CPU profile is in ${file}`);
    }
    const ownCpu = ownCpuSeconds() - ownCpuBefore;
    const othersCpu = (await machineBusySeconds()) - machineBefore - serverCpu - ownCpu;
    const ivrs = app.documents.ivr - documentsBefore.ivr;
    const choices = app.documents.choice - documentsBefore.choice;
    const verbs = 2 * choices + 2 * ivrs + (tally.timeouts - timeoutsBefore);
    const peakRssKb = Math.max(sampler.max, await rssOf(pid));
    sampler.stop();
    const steadyHeapKb = await heap.usedAfterGc();

    // The latency of one Input at a time, all N calls still live.
    const unloaded = await keyRounds(base, live.slice(0, unloadedInputs), 1, 1, tally);
    const liveAtPeak = await liveCallCount(base);
    log(`${label}: ${liveAtPeak} calls live at the peak; one Input at a time: p50 ${median(unloaded.latencies).toFixed(1)} ms`);

    // Hang up everything; nothing may be left live.
    await pool(live, concurrency, (call) => hangUp(base, call, tally));
    await sleep(1000);
    const liveAfterHangup = await liveCallCount(base);
    const afterHangupHeapKb = await heap.usedAfterGc();
    const afterHangupRssKb = await rssOf(pid);
    log(`${label}: hung up; ${liveAfterHangup} calls left live; RSS ${(afterHangupRssKb / 1024).toFixed(1)} MB, heap after GC ${(afterHangupHeapKb / 1024).toFixed(1)} MB`);
    // What outlives the calls: anything still held once every request's 15 s timeout has passed.
    await sleep(16_000);
    const settledHeapKb = await heap.usedAfterGc();
    log(`${label}: 16 s later: heap after GC ${(settledHeapKb / 1024).toFixed(1)} MB`);
    await heap.close();

    const first = steady.byRound[0];
    const last = steady.byRound[rounds - 1];
    return {
      baselinePerSecond,
      setupPerSecond: calls / rampSeconds,
      setupP50: median(setupLatencies),
      inputsPerSecond: steady.latencies.length / steadySeconds,
      verbsPerSecond: verbs / steadySeconds,
      documentsPerSecond: (ivrs + choices) / steadySeconds,
      p50: percentile(steady.latencies, 50),
      p99: percentile(steady.latencies, 99),
      unloadedP50: percentile(unloaded.latencies, 50),
      unloadedP99: percentile(unloaded.latencies, 99),
      serverCores: serverCpu / steadySeconds,
      serverCpuMsPerInput: (serverCpu * 1000) / steady.latencies.length,
      clientCores: ownCpu / steadySeconds,
      othersCores: Math.max(0, othersCpu / steadySeconds),
      firstRoundP50: median(first.latencies),
      lastRoundP50: median(last.latencies),
      firstRoundBytes: median(first.bytes),
      lastRoundBytes: median(last.bytes),
      idleRssKb,
      parkedRssKb,
      parkedAfterGcRssKb,
      peakRssKb,
      afterHangupRssKb,
      idleHeapKb,
      parkedHeapKb,
      afterHangupHeapKb,
      steadyHeapKb,
      settledHeapKb,
      liveAtPeak,
      liveAfterHangup,
      tally,
      documentsOther: app.documents.other,
      logs: server.logs,
      exitCode: await server.stop(),
    };
  } catch (error) {
    sampler.stop();
    await heap.close().catch(() => {});
    await server.stop();
    throw error;
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- the report ----

async function main(): Promise<void> {
  log(`voice benchmark: ${calls} concurrent calls, ${rounds} rounds each, ${concurrency} requests in flight, ${runs} runs`);
  const results: RunResult[] = [];
  for (let number = 1; number <= runs; number++) results.push(await run(number));
  agent.destroy();

  const row = (label: string, pick: (result: RunResult) => number, digits = 0, note = '') => {
    const values = results.map(pick);
    const spread = `${Math.min(...values).toFixed(digits)} – ${Math.max(...values).toFixed(digits)}`;
    console.log(`${label.padEnd(50)} ${median(values).toFixed(digits).padStart(9)}   ${spread.padStart(19)}   ${note}`);
  };
  const mb = (kb: number) => kb / 1024;
  console.log(`\nvoice benchmark: ${calls} concurrent calls × ${rounds} rounds, ${concurrency} client requests in flight, ${runs} runs, ${cpus().length} cores, system clock`);
  console.log(`${''.padEnd(50)} ${'median'.padStart(9)}   ${'min – max'.padStart(19)}`);
  row('calls set up/s (ramp-up)', (r) => r.setupPerSecond);
  row('  call setup round trip p50 ms', (r) => r.setupP50, 1);
  row('Input round trips/s (steady state)', (r) => r.inputsPerSecond);
  row('verb executions/s (Say, Gather, Redirect)', (r) => r.verbsPerSecond);
  row('TwiML documents/s served by the app', (r) => r.documentsPerSecond);
  row(`Input round trip p50 ms (${concurrency} in flight)`, (r) => r.p50, 1);
  row(`Input round trip p99 ms (${concurrency} in flight)`, (r) => r.p99, 1);
  row(`  p50 ms in round 1`, (r) => r.firstRoundP50, 1);
  row(`  p50 ms in round ${rounds}`, (r) => r.lastRoundP50, 1);
  row('Input round trip p50 ms (one at a time)', (r) => r.unloadedP50, 1);
  row('Input round trip p99 ms (one at a time)', (r) => r.unloadedP99, 1);
  row('Input answer bytes in round 1', (r) => r.firstRoundBytes);
  row(`Input answer bytes in round ${rounds}`, (r) => r.lastRoundBytes);
  row('server CPU in the steady state, cores', (r) => r.serverCores, 2);
  row('  server CPU ms per Input', (r) => r.serverCpuMsPerInput, 2);
  row('bench process (client + app) CPU, cores', (r) => r.clientCores, 2);
  row('other processes on this machine, cores', (r) => r.othersCores, 2, '(noise when well above 0)');
  row('bare Fastify baseline req/s (same client)', (r) => r.baselinePerSecond);
  row('ratio Input round trips / baseline', (r) => r.inputsPerSecond / r.baselinePerSecond, 3);
  row('server RSS, no call live after warm-up, MB', (r) => mb(r.idleRssKb), 1);
  row(`server RSS, ${calls} calls parked after ramp-up, MB`, (r) => mb(r.parkedRssKb), 1);
  row('server RSS at the peak (steady state), MB', (r) => mb(r.peakRssKb), 1);
  row('RSS per call at the peak, KB', (r) => (r.peakRssKb - r.idleRssKb) / calls, 1, `(target < ${targetKbPerCall})`);
  row('RSS per call, parked after ramp-up, KB', (r) => (r.parkedRssKb - r.idleRssKb) / calls, 1);
  row('RSS per call, parked, after a forced GC, KB', (r) => (r.parkedAfterGcRssKb - r.idleRssKb) / calls, 1);
  row('heap after GC per parked call, KB', (r) => (r.parkedHeapKb - r.idleHeapKb) / calls, 1);
  row('heap after GC at the end of the steady state, MB', (r) => mb(r.steadyHeapKb), 1);
  row('server RSS 1 s after hanging up, MB', (r) => mb(r.afterHangupRssKb), 1);
  row('heap after GC, no call live after warm-up, MB', (r) => mb(r.idleHeapKb), 1);
  row('heap after GC, 1 s after hanging up, MB', (r) => mb(r.afterHangupHeapKb), 1);
  row('heap after GC, 17 s after hanging up, MB', (r) => mb(r.settledHeapKb), 1);
  row('  heap kept per ended call (17 s − idle), KB', (r) => (r.settledHeapKb - r.idleHeapKb) / calls, 2);
  row('calls live at the peak (2010 Calls API)', (r) => r.liveAtPeak);
  row('calls live after hanging up', (r) => r.liveAfterHangup);

  const statuses = new Map<number, number>();
  for (const result of results) for (const [status, n] of result.tally.statuses) statuses.set(status, (statuses.get(status) ?? 0) + n);
  const sum = (pick: (tally: Tally) => number) => results.reduce((total, result) => total + pick(result.tally), 0);
  const failures = results.flatMap((result) => result.tally.failures);
  const logs = results.flatMap((result) => result.logs);
  console.log(
    `HTTP answers: ${[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(', ')}; ` +
      `409s retried ${sum((t) => t.conflicts)}; gather timeouts ${sum((t) => t.timeouts)}; app 404s ${results.reduce((total, r) => total + r.documentsOther, 0)}`,
  );
  console.log(
    `transcripts behind the call: placements without their Gather ${sum((t) => t.stalePlacements)}/${calls * runs}, ` +
      `Inputs without their "You chose" ${sum((t) => t.staleInputs)}, Hangups still in-progress ${sum((t) => t.staleHangups)}/${calls * runs}`,
  );
  console.log(`server: ${logs.length} log lines at level error; exit codes ${results.map((r) => r.exitCode).join(', ')}`);
  for (const line of logs.slice(0, 5)) console.log(`  ${line.slice(0, 300)}`);
  for (const failure of failures.slice(0, 5)) console.log(`  failure: ${failure}`);

  const allLive = results.every((r) => r.liveAtPeak >= calls && r.tally.failures.length === 0);
  const kbPerCall = median(results.map((r) => (r.peakRssKb - r.idleRssKb) / calls));
  const met = calls >= targetCalls && allLive && kbPerCall < targetKbPerCall;
  if (!allLive) process.exitCode = 1;
  console.log(
    `target (${targetCalls.toLocaleString('en')} concurrent calls, < ${targetKbPerCall} KB RSS per call): ${met ? 'met' : 'NOT met'}` +
      ` (${calls} calls ${allLive ? 'all live and answering' : 'NOT all live'}, ${kbPerCall.toFixed(1)} KB RSS per call at the peak)`,
  );
}

await main();
