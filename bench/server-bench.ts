/**
 * `npm run bench`: load on loopback with autocannon, the server in its own process.
 *  1. inbound-SMS executions/s through the signed flow webhook, with SQLite persistence
 *     (trigger → split → send-message → end), at full speed;
 *  2. the same load against a bare Fastify route answering `<Response/>`, and the ratio;
 *  3. latency at a fixed 1,000 requests/s offered;
 *  4. REST-triggered executions/s (POST /v2/Flows/{FW}/Executions, a new contact each).
 * BENCH_SECONDS sets each run's length (default 10).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import twilio from 'twilio';
import { freePort, startProcess } from '../test/support/child-process.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 16;
const accountSid = 'AC' + 'b'.repeat(32);
const authToken = 'c'.repeat(32);
const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

async function post(base: string, path: string, form: Record<string, string>) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const trigger = (incomingMessage?: string, incomingRequest?: string) => ({
  name: 'Trigger', type: 'trigger', properties: {},
  transitions: [{ event: 'incomingMessage', next: incomingMessage }, { event: 'incomingRequest', next: incomingRequest }],
});
const reply = { name: 'reply', type: 'send-message', properties: { body: 'You said {{trigger.message.Body}}{{flow.data.n}}' }, transitions: [{ event: 'sent' }, { event: 'failed' }] };
const split = {
  name: 'route', type: 'split-based-on', properties: { input: '{{trigger.message.Body}}' },
  transitions: [
    { event: 'noMatch', next: 'reply' },
    { event: 'match', next: 'reply', conditions: [{ friendly_name: 'hi', arguments: ['{{trigger.message.Body}}'], type: 'starts_with', value: 'hi' }] },
  ],
};
const definition = (states: object[]) => JSON.stringify({ description: 'bench', initial_state: 'Trigger', flags: { allow_concurrent_calls: true }, states });

function summary(label: string, result: autocannon.Result): string {
  const errors = result.errors + result.timeouts + result.non2xx;
  return `${label.padEnd(44)} ${result.requests.average.toFixed(0).padStart(7)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms   errors ${errors}`;
}

async function main(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const db = join(await mkdtemp(join(tmpdir(), 'switchboard-bench-')), 'bench.db');
  const credentials = { SWITCHBOARD_ACCOUNT_SID: accountSid, SWITCHBOARD_AUTH_TOKEN: authToken };
  const serveArgs = ['bin/switchboard.js', 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', db, '--no-examples', '--log-level', 'error', '--public-url', base];
  const server = await startProcess(serveArgs, 'Switchboard is running', credentials);

  const smsFlow = await post(base, '/v2/Flows', { FriendlyName: 'sms', Status: 'published', Definition: definition([trigger('route'), split, reply]) });
  const restFlow = await post(base, '/v2/Flows', { FriendlyName: 'rest', Status: 'published', Definition: definition([trigger(undefined, 'reply'), reply]) });
  await post(base, `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: '+15550500000', SmsUrl: smsFlow.webhook_url });

  // Inbound traffic comes from many contacts: a pool of requests from distinct handsets, each
  // signed as Twilio signs, prepared beforehand so that signing does not slow the load generator.
  const pool = Array.from({ length: 20_000 }, (_, index) => {
    const params = { MessageSid: 'SM' + String(index).padStart(32, '0'), AccountSid: accountSid, From: `+1557${String(index).padStart(7, '0')}`, To: '+15550500000', Body: 'hi there', NumMedia: '0', ApiVersion: '2010-04-01' };
    return {
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, smsFlow.webhook_url, params) },
      body: new URLSearchParams(params).toString(),
    };
  });
  let next = 0;
  const webhook = { url: smsFlow.webhook_url as string, requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...pool[next++ % pool.length] }) }] };
  process.stderr.write(`warming up, then ${seconds} s per run…\n`);
  await autocannon({ ...webhook, connections, duration: 2 });
  const webhookRun = await autocannon({ ...webhook, connections, duration: seconds });
  const fixedRate = await autocannon({ ...webhook, connections, duration: seconds, overallRate: 1000 });

  let contact = 0;
  const restRun = await autocannon({
    url: `${base}/v2/Flows/${restFlow.sid}/Executions`,
    connections,
    duration: seconds,
    requests: [{
      method: 'POST',
      setupRequest: (request) => ({
        ...request,
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: `+1556${String(contact++).padStart(7, '0')}`, From: '+15550500000', Parameters: '{"n":1}' }).toString(),
      }),
    }],
  });
  server.kill('SIGTERM');

  const barePort = await freePort();
  const bare = await startProcess(['--import', 'tsx', 'bench/bare-fastify.ts', String(barePort)], 'listening');
  const bareRun = await autocannon({ ...webhook, url: `http://127.0.0.1:${barePort}/webhook`, connections, duration: seconds });
  bare.kill('SIGTERM');

  console.log(`server benchmark: ${connections} connections, ${seconds} s per run, this machine`);
  console.log(summary('inbound SMS executions (flow webhook)', webhookRun));
  console.log(summary('bare Fastify <Response/> (baseline)', bareRun));
  console.log(`${'ratio executions / baseline'.padEnd(44)} ${(webhookRun.requests.average / bareRun.requests.average).toFixed(2)}   (target >= 0.25; executions target >= 2000/s)`);
  console.log(summary('inbound SMS at 1,000/s offered', fixedRate) + '   (target p99 < 20 ms)');
  console.log(summary('REST-triggered executions', restRun));
}

await main();
