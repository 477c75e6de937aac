import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../src/server/server.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';

/** Browser clients over /emulator/v1/Clients: legacy Capability Tokens, outgoing calls, and garbage. */
let server: RunningServer;
let app: Awaited<ReturnType<typeof farSide>>;
let applicationSid: string;

beforeAll(async () => {
  server = await testServer();
  app = await farSide((_request, response) => response.writeHead(200, { 'content-type': 'text/xml' }).end('<Response><Gather><Say>Hello client</Say></Gather></Response>'));
  applicationSid = (await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/Applications.json`, { FriendlyName: 'softphone', VoiceUrl: `${app.url}/client-voice` })).body.sid;
});
afterAll(async () => {
  await server.close();
  await app.close();
});

/** A connected socket and the messages it has received, with a way to take the next one of a type (received or still to come). */
async function connect(query = '') {
  const socket = new WebSocket(`${server.url.replace('http', 'ws')}/emulator/v1/Clients${query}`);
  const messages: Array<Record<string, unknown>> = [];
  const taken = new Set<Record<string, unknown>>();
  const waiters: Array<{ type: string; resolve: (message: Record<string, unknown>) => void }> = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    messages.push(message);
    const waiter = waiters.find((candidate) => candidate.type === message.type);
    if (!waiter) return;
    waiters.splice(waiters.indexOf(waiter), 1);
    taken.add(message);
    waiter.resolve(message);
  });
  // Messages may arrive before the test asks for them (a registration sent as the socket opens).
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const arrived = messages.find((message) => message.type === type && !taken.has(message));
      if (arrived) {
        taken.add(arrived);
        resolve(arrived);
      } else waiters.push({ type, resolve });
    });
  await new Promise((resolve) => socket.once('open', resolve));
  return { socket, messages, next, send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)) };
}

function capabilityToken(clientName: string): string {
  const capability = new twilio.jwt.ClientCapability({ accountSid, authToken });
  capability.addScope(new twilio.jwt.ClientCapability.IncomingClientScope(clientName));
  capability.addScope(new twilio.jwt.ClientCapability.OutgoingClientScope({ applicationSid, clientName, params: { Team: 'blue' } }));
  return capability.toJwt();
}

describe('a client with a legacy Capability Token', () => {
  it('registers in a first message, places a call through its TwiML App, keys digits and hangs up', async () => {
    const client = await connect();
    const registered = client.next('registered');
    client.send({ type: 'register', token: capabilityToken('bob') });
    expect(await registered).toMatchObject({ identity: 'bob', accountSid });
    const placed = client.next('call');
    client.send({ type: 'call', params: { To: '+15550400000', Mood: 'curious' } });
    const { callSid } = await placed;
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    const request = Object.fromEntries(new URLSearchParams(app.requests.at(-1)?.body));
    expect(request).toMatchObject({ From: 'client:bob', To: '+15550400000', Mood: 'curious', Team: 'blue', ApplicationSid: applicationSid, Direction: 'inbound' });
    expect(client.messages.some((message) => message.type === 'event' && (message.event as { text?: string }).text === 'Hello client')).toBe(true);
    client.send({ type: 'digits', callSid, digits: '42#' });
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    expect(Object.fromEntries(new URLSearchParams(app.requests.at(-1)?.body))).toMatchObject({ Digits: '42' });
    client.send({ type: 'hangup', callSid });
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    expect((await api(server, 'GET', `/emulator/v1/Calls/${callSid}`)).body.status).toBe('completed');
    client.socket.close();
  });
});

describe('garbage on the client socket', () => {
  it('gets an error message naming what is wrong, and the socket stays open', async () => {
    const client = await connect(`?token=${capabilityToken('carol')}`);
    await client.next('registered');
    const cases: Array<[unknown, number, RegExp]> = [
      ['not json', 20001, /JSON object/],
      ['42', 20001, /JSON object/],
      [{ type: 'dance' }, 20001, /unknown message type "dance"/],
      [{ type: 'digits', callSid: 'CA' + '0'.repeat(32), digits: '1' }, 20404, /not found/i],
      [{ type: 'accept' }, 20404, /not found/i],
    ];
    for (const [message, code, text] of cases) {
      const error = client.next('error');
      client.send(message);
      const received = await error;
      expect(received.code).toBe(code);
      expect(String(received.message)).toMatch(text);
    }
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
    client.socket.close();
  });

  it('refuses anything before registering, and tokens that are not tokens', async () => {
    const client = await connect();
    const error = client.next('error');
    client.send({ type: 'call', params: {} });
    expect(await error).toMatchObject({ code: 20101 });
    const refused = client.next('error');
    const closed = new Promise<number>((resolve) => client.socket.once('close', resolve));
    client.send({ type: 'register', token: 'a.b.c' });
    expect(await refused).toMatchObject({ code: 20101 });
    expect(await closed).toBe(4401);
  });

  it('refuses an expired Access Token with 20104', async () => {
    const key = (await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/Keys.json`, { FriendlyName: 'old' })).body;
    const token = new twilio.jwt.AccessToken(accountSid, key.sid, key.secret, { identity: 'dave', ttl: 60 });
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
    const jwt = token.toJwt();
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '120' });
    const client = await connect(`?token=${jwt}`);
    expect(await client.next('error')).toMatchObject({ code: 20104 });
  });
});
