import { createServer } from 'node:http';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pullCommand } from '../src/cli/pull-command.ts';
import { pushCommand } from '../src/cli/push-command.ts';
import { statusCommand } from '../src/cli/status-command.ts';
import type { SyncIo } from '../src/cli/sync-setup.ts';
import { formatFlowText } from '../src/flow/format-definition.ts';
import { seededSids } from '../src/runtime/sid-generator.ts';
import type { RunningServer } from '../src/server/server.ts';
import { childProcessTimeout, freePort, runSwitchboard } from './support/child-process.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { testServer } from './support/test-server.ts';
import { twilioClient } from './support/twilio-client.ts';

// Two Switchboard servers play two Twilio accounts: dev, where flows are built, and prod.
const dev = { sid: 'AC' + 'd'.repeat(32), token: 'd0'.repeat(16) };
const prod = { sid: 'AC' + 'e'.repeat(32), token: 'e0'.repeat(16) };
const values = {
  dev: { FUNCTION_SID: 'ZH' + '1'.repeat(32), SERVICE_SID: 'ZS' + '1'.repeat(32), WORKFLOW_SID: 'WW' + '1'.repeat(32), SUPPORT_NUMBER: '+15550001000', API_URL: 'https://dev.example' },
  prod: { FUNCTION_SID: 'ZH' + '2'.repeat(32), SERVICE_SID: 'ZS' + '2'.repeat(32), WORKFLOW_SID: 'WW' + '2'.repeat(32), SUPPORT_NUMBER: '+15550002000', API_URL: 'https://api.example.com' },
};

const supportLine = (v: typeof values.dev) =>
  flowOf({ incomingMessage: 'lookup' },
    widget('lookup', 'run-function', { service_sid: v.SERVICE_SID, function_sid: v.FUNCTION_SID, url: `${v.API_URL}/lookup` }, { success: 'notify', fail: undefined }),
    widget('notify', 'make-http-request', { method: 'POST', url: `${v.API_URL}/orders?from={{contact.channel.address}}` }, { success: 'handoff', failed: undefined }),
    widget('handoff', 'send-to-flex', { workflow: v.WORKFLOW_SID, channel: 'TC' + '3'.repeat(32) }, { callComplete: undefined, failedToEnqueue: undefined, callFailure: undefined }),
  );
const reminders = (v: typeof values.dev, text = 'Questions? Call') =>
  flowOf({ incomingRequest: 'remind' }, widget('remind', 'send-message', { body: `${text} ${v.SUPPORT_NUMBER}`, from: v.SUPPORT_NUMBER }, { sent: undefined, failed: undefined }));

let devServer: RunningServer;
let prodServer: RunningServer;
let folder: string;
let flows: string;
let envFile: string;

const envOf = (server: RunningServer, account: { sid: string; token: string }) => ({ TWILIO_ACCOUNT_SID: account.sid, TWILIO_AUTH_TOKEN: account.token, TWILIO_API_BASE_URL: server.url });
/** Everything any command printed, to check that no token ever shows. */
const printed: string[] = [];
function io(env: NodeJS.ProcessEnv): SyncIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const into = (lines: string[]) => (line: string) => {
    lines.push(line);
    printed.push(line);
  };
  return { env, out, err, print: into(out), printError: into(err) };
}
const devIo = () => io(envOf(devServer, dev));
const prodIo = () => io(envOf(prodServer, prod));
const environment = (name: 'dev' | 'prod') => ({ env: envFile, environment: name });
const statusOf = async (runIo: SyncIo & { out: string[] }, name: 'dev' | 'prod') => {
  expect(await statusCommand({ dir: flows, json: true, ...environment(name) }, runIo)).toBe(0);
  return Object.fromEntries((JSON.parse(runIo.out.join('\n')) as Array<{ file?: string; friendlyName?: string; status: string }>).map((row) => [row.file ?? row.friendlyName, row.status]));
};
const prodFlows = async () => (await twilioClient(prodServer, prod.sid, prod.token).studio.v2.flows.list()).map((flow) => [flow.friendlyName, flow.revision]);

/** A remote that passes every request on to `server` but refuses the ones `refuse` picks, as Studio refuses an invalid definition. */
async function refusingProxy(server: RunningServer, refuse: (method: string, url: string) => boolean) {
  const proxy = createServer(async (request, response) => {
    if (refuse(request.method ?? '', request.url ?? '')) {
      const error = { code: 81022, message: 'Flow definition validation failed', details: { errors: [{ message: 'a rule of this account', property_path: '#/states/1' }] }, status: 400 };
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(error));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(['authorization', 'content-type'].flatMap((name) => (request.headers[name] ? [[name, String(request.headers[name])]] : [])));
    const answer = await fetch(`${server.url}${request.url}`, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`, close: () => new Promise((resolve) => proxy.close(resolve)) };
}

beforeAll(async () => {
  devServer = await testServer({ accountSid: dev.sid, authToken: dev.token });
  prodServer = await testServer({ accountSid: prod.sid, authToken: prod.token, sids: seededSids(22) });
  folder = await mkdtemp(join(tmpdir(), 'switchboard-sync-'));
  flows = join(folder, 'flows');
  envFile = join(folder, 'switchboard.env.yaml');
  const yaml = (v: Record<string, string>) => Object.entries(v).map(([key, value]) => `      ${key}: "${value}"`).join('\n');
  await writeFile(envFile, `environments:\n  dev:\n    values:\n${yaml(values.dev)}\n  prod:\n    values:\n${yaml(values.prod)}\n`);
  const client = twilioClient(devServer, dev.sid, dev.token);
  await client.studio.v2.flows.create({ friendlyName: 'Support line', status: 'published', definition: supportLine(values.dev) });
  await client.studio.v2.flows.create({ friendlyName: 'Reminders', status: 'published', definition: reminders(values.dev) });
});
afterAll(async () => {
  await devServer.close();
  await prodServer.close();
});

describe('switchboard pull, push and status between two servers', () => {
  it('pulls from dev with placeholders, pushes to prod with its values, and both are unchanged', async () => {
    const pulled = devIo();
    expect(await pullCommand([], { dir: flows, ...environment('dev') }, pulled)).toBe(0);
    expect(pulled.out).toEqual([
      expect.stringMatching(/Reminders\.json: pulled "Reminders" FW[0-9a-f]{32} revision 1$/),
      expect.stringMatching(/Support-line\.json: pulled "Support line" FW[0-9a-f]{32} revision 1$/),
    ]);
    const text = await readFile(join(flows, 'Support-line.json'), 'utf8');
    expect(formatFlowText(text)).toMatchObject({ kind: 'formatted', changed: false });
    const placeholders = { SERVICE_SID: '${SERVICE_SID}', FUNCTION_SID: '${FUNCTION_SID}', WORKFLOW_SID: '${WORKFLOW_SID}', SUPPORT_NUMBER: '${SUPPORT_NUMBER}', API_URL: '${API_URL}' };
    expect(JSON.parse(text)).toEqual(supportLine(placeholders));
    expect(JSON.parse(await readFile(join(flows, 'Reminders.json'), 'utf8'))).toEqual(reminders(placeholders));

    const pushed = prodIo();
    expect(await pushCommand([join(flows, 'Support-line.json'), join(flows, 'Reminders.json')], environment('prod'), pushed)).toBe(0);
    expect(pushed.out).toEqual([
      expect.stringMatching(/Support-line\.json: created "Support line" FW[0-9a-f]{32} revision 1 \(draft\)$/),
      expect.stringMatching(/Reminders\.json: created "Reminders" FW[0-9a-f]{32} revision 1 \(draft\)$/),
    ]);
    const onProd = await twilioClient(prodServer, prod.sid, prod.token).studio.v2.flows.list();
    const support = await twilioClient(prodServer, prod.sid, prod.token).studio.v2.flows(onProd.find((flow) => flow.friendlyName === 'Support line')!.sid).fetch();
    expect(support.definition).toEqual(supportLine(values.prod));

    expect(await statusOf(prodIo(), 'prod')).toEqual({ 'Reminders.json': 'unchanged', 'Support-line.json': 'unchanged' });
    expect(await statusOf(devIo(), 'dev')).toEqual({ 'Reminders.json': 'unchanged', 'Support-line.json': 'unchanged' });

    // Pulled back from prod with prod's values, the files are the same: one file, two accounts.
    const fromProd = join(folder, 'from-prod');
    expect(await pullCommand([], { dir: fromProd, ...environment('prod') }, prodIo())).toBe(0);
    for (const file of ['Support-line.json', 'Reminders.json']) {
      expect(await readFile(join(fromProd, file), 'utf8')).toBe(await readFile(join(flows, file), 'utf8'));
    }
  });

  it('tells a change made on the remote from a change made locally', async () => {
    const client = twilioClient(prodServer, prod.sid, prod.token);
    const support = (await client.studio.v2.flows.list()).find((flow) => flow.friendlyName === 'Support line')!;
    await client.studio.v2.flows(support.sid).update({ status: 'draft', definition: supportLine({ ...values.prod, API_URL: 'https://hotfix.example.com' }) });
    await writeFile(join(flows, 'Reminders.json'), JSON.stringify(reminders({ SUPPORT_NUMBER: '${SUPPORT_NUMBER}' } as typeof values.dev, 'Any question? Call')));

    expect(await statusOf(prodIo(), 'prod')).toEqual({ 'Reminders.json': 'changed locally', 'Support-line.json': 'changed remotely since the last pull' });
    const lines = prodIo();
    expect(await statusCommand({ dir: flows, ...environment('prod') }, lines)).toBe(0);
    expect(lines.out).toContainEqual(expect.stringMatching(/^Support-line\.json: changed remotely since the last pull \("Support line" FW[0-9a-f]{32} revision 2\)$/));
    // Dev's flows did not move: only the local edit shows there.
    expect(await statusOf(devIo(), 'dev')).toEqual({ 'Reminders.json': 'changed locally', 'Support-line.json': 'unchanged' });
  });

  it('publishes with a commit message, as a new revision', async () => {
    const published = prodIo();
    expect(await pushCommand([join(flows, 'Reminders.json')], { publish: true, message: 'Friendlier reminder', ...environment('prod') }, published)).toBe(0);
    expect(published.out).toEqual([expect.stringMatching(/Reminders\.json: updated "Reminders" FW[0-9a-f]{32} revision 2 \(published\)$/)]);
    const client = twilioClient(prodServer, prod.sid, prod.token);
    const flow = (await client.studio.v2.flows.list()).find((one) => one.friendlyName === 'Reminders')!;
    const revision = await client.studio.v2.flows(flow.sid).revisions('2').fetch();
    expect(revision).toMatchObject({ status: 'published', commitMessage: 'Friendlier reminder' });
    expect(revision.definition).toEqual(reminders(values.prod, 'Any question? Call'));
    expect((await statusOf(prodIo(), 'prod'))['Reminders.json']).toBe('unchanged');
  });

  it('pushes nothing when a file is invalid, and leaves the remote and the sync state as they were', async () => {
    const before = await prodFlows();
    const state = await readFile(join(flows, '.switchboard-sync.json'), 'utf8');
    const broken = { ...reminders(values.prod), initial_state: 'Nowhere' };
    await writeFile(join(flows, 'Broken.json'), JSON.stringify(broken));
    const refused = prodIo();
    expect(await pushCommand([join(flows, 'Reminders.json'), join(flows, 'Broken.json')], { publish: true, message: 'x', ...environment('prod') }, refused)).toBe(1);
    expect(refused.err).toEqual([`${join(flows, 'Broken.json')}: invalid flow: #/initial_state: initial_state "Nowhere" names no state`]);
    expect(refused.out).toEqual([]);
    expect(await prodFlows()).toEqual(before);
    expect(await readFile(join(flows, '.switchboard-sync.json'), 'utf8')).toBe(state);
  });

  it('leaves the remote draft and the sync state as they were when the remote refuses the publish', async () => {
    const client = twilioClient(prodServer, prod.sid, prod.token);
    const before = (await client.studio.v2.flows.list()).find((flow) => flow.friendlyName === 'Reminders')!;
    const state = await readFile(join(flows, '.switchboard-sync.json'), 'utf8');
    // Between the validation and the update the remote changes its mind: the update is refused.
    const strict = await refusingProxy(prodServer, (method, url) => method === 'POST' && url === `/v2/Flows/${before.sid}`);
    await writeFile(join(flows, 'Reminders.json'), JSON.stringify(reminders({ SUPPORT_NUMBER: '${SUPPORT_NUMBER}' } as typeof values.dev, 'Refused text')));
    const refused = io({ ...envOf(prodServer, prod), TWILIO_API_BASE_URL: strict.url });
    expect(await pushCommand([join(flows, 'Reminders.json')], { publish: true, message: 'refused', ...environment('prod') }, refused)).toBe(1);
    expect(refused.err).toEqual([`${new URL(strict.url).host} refused updating ${before.sid} (400 error 81022): Flow definition validation failed (#/states/1: a rule of this account)`]);
    const after = await client.studio.v2.flows(before.sid).fetch();
    expect(after).toMatchObject({ revision: before.revision, status: before.status });
    expect(after.definition).toEqual(reminders(values.prod, 'Any question? Call'));
    expect(await readFile(join(flows, '.switchboard-sync.json'), 'utf8')).toBe(state);
    await strict.close();
  });

  it('names a placeholder the environment has no value for, and pushes nothing', async () => {
    const before = await prodFlows();
    await writeFile(join(flows, 'Unknown.json'), JSON.stringify(reminders({ SUPPORT_NUMBER: '${SALES_NUMBER}' } as typeof values.dev)));
    const refused = prodIo();
    expect(await pushCommand([join(flows, 'Unknown.json')], environment('prod'), refused)).toBe(1);
    expect(refused.err).toEqual([`${join(flows, 'Unknown.json')}: \${SALES_NUMBER} has no value in environment "prod" of ${envFile}`]);
    expect(await prodFlows()).toEqual(before);
  });

  it('says which credentials were refused, and never prints the token', async () => {
    const wrong = io({ ...envOf(prodServer, prod), TWILIO_AUTH_TOKEN: 'wrong-token-that-must-stay-secret' });
    expect(await statusCommand({ dir: flows }, wrong)).toBe(1);
    expect(wrong.err).toEqual([expect.stringContaining(`Twilio refused the credentials for ${prod.sid} (401 from`)]);
    expect([...wrong.out, ...wrong.err].join('\n')).not.toContain('wrong-token');
  });

  it('refuses an unknown flow name, a rate limit, a web page and an unreachable host with one line each', async () => {
    const unknown = devIo();
    expect(await pullCommand(['No such flow'], { dir: join(folder, 'elsewhere') }, unknown)).toBe(1);
    expect(unknown.err).toEqual([`no flow named "No such flow" on ${dev.sid} at ${new URL(devServer.url).host}`]);

    const limiter = createServer((_, response) => {
      response.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }));
    });
    await new Promise<void>((resolve) => limiter.listen(0, '127.0.0.1', resolve));
    const port = (limiter.address() as { port: number }).port;
    const limited = io({ ...envOf(devServer, dev), TWILIO_API_BASE_URL: `http://127.0.0.1:${port}` });
    expect(await pullCommand([], { dir: join(folder, 'elsewhere') }, limited)).toBe(1);
    expect(limited.err).toEqual([`127.0.0.1:${port} is rate limiting requests (429 Too Many Requests) while listing flows; try again in a moment`]);
    await new Promise((resolve) => limiter.close(resolve));

    // A web page where the API should be.
    const page = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>Welcome</html>'));
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    const pageHost = `127.0.0.1:${(page.address() as { port: number }).port}`;
    const notStudio = io({ ...envOf(devServer, dev), TWILIO_API_BASE_URL: `http://${pageHost}` });
    expect(await pullCommand([], { dir: join(folder, 'elsewhere') }, notStudio)).toBe(1);
    expect(notStudio.err).toEqual([expect.stringMatching(new RegExp(`^${pageHost.replace(/\./g, '\\.')} did not answer listing flows as Studio v2 does: .*not valid JSON`))]);
    await new Promise((resolve) => page.close(resolve));

    // A port that was free a moment ago: nothing answers there.
    const closedPort = await freePort();
    const unreachable = io({ ...envOf(devServer, dev), TWILIO_API_BASE_URL: `http://127.0.0.1:${closedPort}` });
    expect(await pullCommand([], { dir: join(folder, 'elsewhere') }, unreachable)).toBe(1);
    expect(unreachable.err).toEqual([`cannot reach 127.0.0.1:${closedPort} while listing flows: connect ECONNREFUSED 127.0.0.1:${closedPort}`]);
  });

  it('refuses missing credentials and a lone --env as usage errors', async () => {
    const missing = io({});
    expect(await statusCommand({ dir: flows }, missing)).toBe(2);
    expect(missing.err).toEqual([expect.stringContaining('TWILIO_ACCOUNT_SID is not set')]);
    const lone = devIo();
    expect(await statusCommand({ dir: flows, env: envFile }, lone)).toBe(2);
    expect(lone.err).toEqual([`--env ${envFile} needs --environment NAME to say which environment's values to use`]);
  });

  it('runs as the switchboard command, with the credentials from the environment', { timeout: childProcessTimeout }, async () => {
    for (const [name, value] of Object.entries(envOf(devServer, dev))) vi.stubEnv(name, value);
    try {
      const status = await runSwitchboard(['status', '--dir', flows, '--env', envFile, '--environment', 'dev']);
      expect(status).toMatchObject({ code: 0, stderr: '' });
      expect(status.stdout).toMatch(/^Support-line\.json: unchanged \("Support line" FW[0-9a-f]{32} revision 1\)$/m);
      const usage = await runSwitchboard(['push', '--publish']);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain("missing required argument 'files'");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('printed no auth token in any of these runs', () => {
    expect(printed.length).toBeGreaterThan(20);
    for (const token of [dev.token, prod.token, 'wrong-token']) expect(printed.join('\n')).not.toContain(token);
  });
});
