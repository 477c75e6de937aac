import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';
import { emulator, twimlDocuments, type Emulator } from './support/voice-harness.ts';

/** A TwiML app whose documents are keyed by path. */
const { documents, serve } = twimlDocuments();

let server: RunningServer;
let network: Emulator;
let app: Awaited<ReturnType<typeof farSide>>;
const number = '+15550001000';
const caller = '+15550002000';
const accounts = `/2010-04-01/Accounts/${accountSid}`;

beforeAll(async () => {
  server = await testServer();
  network = emulator(server);
  app = await farSide(serve);
  await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: number, VoiceUrl: `${app.url}/voice` });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const types = (events: Array<{ type: string }>) => events.map((event) => event.type);

describe('a handset calls a TwiML app', () => {
  it('hears the Say, keys digits into the Gather, and the action answers', async () => {
    documents['/voice'] = `<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="1" action="/menu"><Say>Press 1 for sales</Say></Gather><Say>Goodbye</Say></Response>`;
    documents['/menu'] = (request) => `<Response><Say>You pressed ${new URLSearchParams(request.body).get('Digits')}</Say></Response>`;
    const placed = await api(server, 'POST', `/emulator/v1/Handsets/${caller}/Calls`, { To: number });
    expect(placed.status).toBe(201);
    expect(placed.body.status).toBe('in-progress');
    expect(placed.body.waiting_for).toBe('gather');
    expect(placed.body.events.filter((event: { type: string }) => event.type === 'say')[0].text).toBe('Press 1 for sales');
    const keyed = await api(server, 'POST', `/emulator/v1/Calls/${placed.body.sid}/Input`, { Digits: '1' });
    expect(keyed.status).toBe(200);
    expect(keyed.body.status).toBe('completed');
    expect(keyed.body.events.filter((event: { type: string }) => event.type === 'say').map((event: { text: string }) => event.text)).toEqual(['Press 1 for sales', 'You pressed 1']);
    const first = app.requests.find((request) => request.url === '/voice');
    const params = Object.fromEntries(new URLSearchParams(first?.body));
    expect(params).toMatchObject({ CallStatus: 'ringing', Direction: 'inbound', From: caller, To: number, AccountSid: accountSid });
    expect(twilio.validateRequest(authToken, String(first?.headers['x-twilio-signature']), `${app.url}/voice`, params)).toBe(true);
  });

  it('falls through to the next verb when the Gather times out, on the virtual clock', async () => {
    documents['/voice'] = `<Response><Gather timeout="3"><Say>Anything?</Say></Gather><Say>Nothing heard</Say><Pause length="10"/><Say>Bye</Say></Response>`;
    const placed = await api(server, 'POST', `/emulator/v1/Handsets/${caller}/Calls`, { To: number });
    expect(placed.body.waiting_for).toBe('gather');
    await network.advance(3);
    const after = await api(server, 'GET', `/emulator/v1/Calls/${placed.body.sid}`);
    expect(after.body.waiting_for).toBe('pause');
    expect(types(after.body.events)).toContain('gather-ended');
    await network.advance(10);
    const done = await api(server, 'GET', `/emulator/v1/Calls/${placed.body.sid}`);
    expect(done.body.status).toBe('completed');
    expect(done.body.duration).toBe('13');
  });

  it('answers 409 to input the call is not waiting for', async () => {
    documents['/voice'] = `<Response><Pause length="5"/></Response>`;
    const placed = await api(server, 'POST', `/emulator/v1/Handsets/${caller}/Calls`, { To: number });
    const keyed = await api(server, 'POST', `/emulator/v1/Calls/${placed.body.sid}/Input`, { Digits: '1' });
    expect(keyed.status).toBe(409);
    expect(keyed.body.code).toBe(89009);
    await api(server, 'POST', `/emulator/v1/Calls/${placed.body.sid}/Hangup`);
  });
});
