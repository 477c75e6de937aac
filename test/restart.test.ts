import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { childProcessTimeout, freePort, startProcess } from './support/child-process.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { newNumberRecord } from '../src/carrier/emulator/number-record.ts';
import { accountSid, authToken, temporaryDatabase, testServer } from './support/test-server.ts';

const bin = 'bin/switchboard.js';
const children: ChildProcess[] = [];
afterEach(() => children.forEach((child) => child.kill('SIGKILL')));

/** `switchboard serve` in its own process, resolved once its banner says it is listening. */
async function serve(db: string, port: number): Promise<ChildProcess> {
  const args = [bin, 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', db, '--clock', 'virtual', '--no-examples', '--log-level', 'warn'];
  const child = await startProcess(args, 'Switchboard is running at', { SWITCHBOARD_ACCOUNT_SID: accountSid, SWITCHBOARD_AUTH_TOKEN: authToken });
  children.push(child);
  return child;
}

function client(port: number) {
  const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  return async (method: string, path: string, form?: Record<string, string>) => {
    const response = await fetch(`http://localhost:${port}${path}`, {
      method,
      headers: { authorization, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
    });
    return { status: response.status, body: await response.json() };
  };
}

const flow = flowOf({ incomingMessage: 'ask_name' },
  widget('ask_name', 'send-and-wait-for-reply', { body: "What's your name?", timeout: '600' }, { incomingMessage: 'ask_colour', timeout: 'gave_up' }),
  widget('ask_colour', 'send-and-wait-for-reply', { body: 'Hi {{widgets.ask_name.inbound.Body}}, favourite colour?', timeout: '600' }, { incomingMessage: 'done', timeout: 'gave_up' }),
  widget('done', 'send-message', { body: '{{widgets.ask_colour.inbound.Body}} it is.' }, { sent: undefined }),
  widget('gave_up', 'send-message', { body: 'Timed out.' }, { sent: undefined }));

describe('a restart', { timeout: childProcessTimeout }, () => {
  it('loses nothing: a killed server comes back, conversations continue and timers still fire', async () => {
    const db = await temporaryDatabase();
    const port = await freePort();
    const request = client(port);
    const bodies = async (handset: string) =>
      (await request('GET', `/emulator/v1/Handsets/${handset}/Messages`)).body.messages.map((message: { body: string }) => message.body);
    const text = (handset: string, body: string) => request('POST', `/emulator/v1/Handsets/${handset}/Messages`, { To: '+15550400000', Body: body });

    const first = await serve(db, port);
    const created = await request('POST', '/v2/Flows', { FriendlyName: 'restart', Status: 'published', Definition: JSON.stringify(flow) });
    await request('POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: '+15550400000', SmsUrl: created.body.webhook_url });
    await text('+15550400001', 'hi');
    await text('+15550400002', 'hi');
    await request('POST', '/emulator/v1/Clock', { Advance: '100' });
    const before = (await request('GET', '/emulator/v1/Clock')).body.now;
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    await serve(db, port);
    expect((await request('GET', '/emulator/v1/Clock')).body.now).toBe(before);
    await text('+15550400001', 'Ada');
    expect(await bodies('+15550400001')).toEqual(['hi', "What's your name?", 'Ada', 'Hi Ada, favourite colour?']);

    // The second contact's first wait was set before the kill: 500 more seconds make it due.
    await request('POST', '/emulator/v1/Clock', { Advance: '500' });
    expect(await bodies('+15550400002')).toEqual(['hi', "What's your name?", 'Timed out.']);
    // The first contact's second wait was set after the restart, 500 s ago: not due yet.
    expect(await bodies('+15550400001')).toHaveLength(4);
    await text('+15550400001', 'green');
    expect((await bodies('+15550400001')).at(-1)).toBe('green it is.');
  });
});

describe('messages on their way when the server stopped', { timeout: childProcessTimeout }, () => {
  it('are carried on at the next start', async () => {
    const db = await temporaryDatabase();
    const first = await testServer({ db });
    const now = new Date(first.context.clock.now()).toISOString();
    await first.context.store.putNumber(newNumberRecord('PN' + '1'.repeat(32), accountSid, '+15550600000', now));
    // As if the server died right after accepting the message: stored, still queued.
    await first.context.store.putMessage({
      sid: 'SM' + '7'.repeat(32), accountSid, from: '+15550600000', to: '+15550600001', body: 'in flight', mediaUrls: [],
      status: 'queued', direction: 'outbound-api', numSegments: 1, messagingServiceSid: null, statusCallback: null,
      errorCode: null, errorMessage: null, dateCreated: now, dateSent: null, dateUpdated: now,
    });
    await first.close();

    const second = await testServer({ db });
    await second.context.network.idle();
    expect((await second.context.store.getMessage('SM' + '7'.repeat(32)))?.status).toBe('delivered');
    await second.close();
  });
});

describe('calls live when the server stopped', { timeout: childProcessTimeout }, () => {
  it('end at the next start, since no call outlives the process that carried it', async () => {
    const db = await temporaryDatabase();
    const first = await testServer({ db });
    const now = new Date(first.context.clock.now()).toISOString();
    const call = {
      sid: 'CA' + '7'.repeat(32), accountSid, parentCallSid: null, from: '+15550600001', to: '+15550600000', direction: 'inbound' as const,
      status: 'in-progress' as const, phoneNumberSid: null, answeredBy: null, dateCreated: now, dateUpdated: now, startTime: now, endTime: null, duration: null,
    };
    // As if the server was killed mid-call: stored as in progress, with no leg left to end it.
    await first.context.store.putCall(call);
    await first.context.store.putCall({ ...call, sid: 'CA' + '8'.repeat(32), status: 'ringing', startTime: null });
    await first.close();

    const second = await testServer({ db });
    expect((await second.context.store.getCall('CA' + '7'.repeat(32)))?.status).toBe('completed');
    expect((await second.context.store.getCall('CA' + '8'.repeat(32)))?.status).toBe('failed');
    expect((await second.context.store.listCallEvents('CA' + '7'.repeat(32))).map((event) => event.code)).toEqual([89011]);
    await second.close();
  });
});
