import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { numbersConnectCommand } from '../src/cli/numbers-command.ts';
import type { RunningServer } from '../src/server/server.ts';
import { childProcessTimeout, freePort, startProcess } from './support/child-process.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';
import { buyNumber, emulator, heard, publishFlow, stepPath } from './support/voice-harness.ts';

/**
 * `switchboard serve --carrier twilio` in its own process (A), its carrier a Switchboard server (B)
 * in this one: a whole conversation runs, a call from a handset on B runs A's IVR, a forged
 * webhook is refused, and nothing A printed (banner and trace logs) holds the auth token.
 */
const flow = flowOf({ incomingRequest: 'ask' },
  widget('ask', 'send-and-wait-for-reply', { body: 'Your name?', timeout: '600' }, { incomingMessage: 'thank' }),
  widget('thank', 'send-message', { body: 'Thanks, {{widgets.ask.inbound.Body}}' }, {}));
const ivr = flowOf({ incomingCall: 'menu' },
  widget('menu', 'gather-input-on-call', { say: 'Press 1 for our hours', number_of_digits: 1, timeout: 5 }, { keypress: 'hours' }),
  widget('hours', 'say-play', { say: 'We are open nine to five' }, {}));
const number = '+15550930001';
const voiceNumber = '+15550930003';
const handset = '+15550930002';

let b: RunningServer | undefined;
let child: ChildProcess | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await b?.close();
});

describe('switchboard serve --carrier twilio', { timeout: childProcessTimeout }, () => {
  it('runs a conversation and an IVR on the carrier, refuses a forged webhook, and its output never holds the auth token', async () => {
    b = await testServer();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_API_BASE_URL: b.url };
    const dataFolder = await mkdtemp(join(tmpdir(), 'switchboard-twilio-'));
    const args = ['bin/switchboard.js', 'serve', '--carrier', 'twilio', '--public-url', url, '--port', String(port), '--host', '127.0.0.1', '--db', join(dataFolder, 'switchboard.db'), '--clock', 'virtual', '--no-examples', '--log-level', 'trace'];
    let output = '';
    child = await startProcess(args, 'Switchboard is running at', env, (chunk) => (output += chunk));
    const a = { url } as RunningServer;

    const created = await api(a, 'POST', '/v2/Flows', { FriendlyName: 'cli', Status: 'published', Definition: JSON.stringify(flow) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await buyNumber(b, number);
    expect(await numbersConnectCommand(number, { flow: 'cli', server: url, sms: true }, { print: () => {}, env })).toBe(0);
    expect((await api(a, 'POST', `/v2/Flows/${created.body.sid}/Executions`, { To: handset, From: number })).status).toBe(201);
    await b.context.network.idle();
    expect((await api(b, 'POST', `/emulator/v1/Handsets/${handset}/Messages`, { To: number, Body: 'Ada' })).status).toBe(201);
    await b.context.network.idle();

    const execution = (await api(a, 'GET', `/v2/Flows/${created.body.sid}/Executions`)).body.executions[0];
    expect(execution.status).toBe('ended');
    const bodies = (await api(b, 'GET', `/emulator/v1/Handsets/${handset}/Messages`)).body.messages.map((message: { body: string }) => message.body);
    expect(bodies.sort()).toEqual(['Ada', 'Thanks, Ada', 'Your name?']);
    const { flowSid: ivrSid } = await publishFlow(a, ivr, 'ivr');
    await buyNumber(b, voiceNumber);
    expect(await numbersConnectCommand(voiceNumber, { flow: ivrSid, server: url, voice: true }, { print: () => {}, env })).toBe(0);
    const call = await emulator(b).call(handset, voiceNumber);
    expect(heard(call)).toEqual(['Press 1 for our hours']);
    const keyed = await emulator(b).input(call.sid, { Digits: '1' });
    expect(heard(keyed)).toEqual(['Press 1 for our hours', 'We are open nine to five']);
    expect((await stepPath(a, ivrSid)).path).toEqual(['Trigger -incomingCall-> menu', 'menu -keypress-> hours', 'hours -audioComplete-> Ended']);

    const forged = await fetch(`${url}/v1/Accounts/${accountSid}/Flows/${created.body.sid}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({ From: handset, To: number, Body: 'hi', MessageSid: 'SM' + '0'.repeat(32) }),
    });
    expect(forged.status).toBe(403);
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    expect(output).toContain('Auth token           the Twilio account\'s (not shown)');
    expect(output).toContain('webhook refused (403)');
    expect(output).not.toContain(authToken);
    // The emulator's own account is written beside the database for curl; a real account's token is not.
    expect(existsSync(join(dataFolder, 'credentials'))).toBe(false);
  });
});
