import { once } from 'node:events';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../src/server/server.ts';
import { farSide, type RecordedRequest } from './support/far-side.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';
import { twilioClient } from './support/twilio-client.ts';
import { heard } from './support/voice-harness.ts';

/**
 * Issue 4's "done when": a small IVR written with plain node:http and the official twilio
 * package is called from a handset, hears the right prompts, reaches the second handset of a
 * sequential Dial after the first is busy, takes a voicemail, and every request it gets passes
 * the package's validateRequest. Then a browser client registered with an Access Token made by
 * the package receives a call.
 */
const { VoiceResponse } = twilio.twiml;
const desk = '+15550103000';
const caller = '+15550104000';
const busyAgent = '+15550105000';
const freeAgent = '+15550106000';

let server: RunningServer;
let ivr: Awaited<ReturnType<typeof farSide>>;
const unsigned: string[] = [];

function ivrApp(request: RecordedRequest, response: import('node:http').ServerResponse) {
  const url = `${ivr.url}${request.url}`;
  const params = Object.fromEntries(new URLSearchParams(request.body));
  if (!twilio.validateRequest(authToken, String(request.headers['x-twilio-signature']), url, params)) unsigned.push(request.url);
  const twiml = new VoiceResponse();
  switch (request.url) {
    case '/voice': {
      const gather = twiml.gather({ numDigits: 1, action: '/menu' });
      gather.say('Welcome to Acme. Press 1 for sales, or 2 to leave a message.');
      twiml.say('We did not hear you. Goodbye.');
      break;
    }
    case '/menu':
      if (params.Digits === '1') {
        twiml.say('Connecting you to sales.');
        const dial = twiml.dial({ sequential: true, action: '/dial-done', timeout: 20 });
        dial.number(busyAgent);
        dial.number(freeAgent);
      } else {
        twiml.say('Please leave a message after the beep.');
        twiml.record({ action: '/recorded', maxLength: 30, recordingStatusCallback: '/recording-status' });
      }
      break;
    case '/dial-done':
      twiml.say(`The call ended: ${params.DialCallStatus}.`);
      twiml.hangup();
      break;
    case '/recorded':
      twiml.say('Thank you, goodbye.');
      break;
    default:
      response.writeHead(204).end();
      return;
  }
  response.writeHead(200, { 'content-type': 'text/xml' }).end(twiml.toString());
}

beforeAll(async () => {
  server = await testServer();
  ivr = await farSide(ivrApp);
  await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: desk, VoiceUrl: `${ivr.url}/voice`, StatusCallback: `${ivr.url}/status` });
  await api(server, 'POST', `/emulator/v1/Handsets/${busyAgent}`, { AnswerMode: 'busy' });
  await api(server, 'POST', `/emulator/v1/Handsets/${freeAgent}`, { AnswerMode: 'auto', AnswerDelay: '3' });
});
afterAll(async () => {
  await server.close();
  await ivr.close();
});

describe('a node:http IVR written with the twilio package', () => {
  it('routes a caller to sales: the first agent is busy, the second answers, and the bridge ends when the agent hangs up', async () => {
    const call = await api(server, 'POST', `/emulator/v1/Handsets/${caller}/Calls`, { To: desk });
    expect(heard(call.body)).toEqual(['Welcome to Acme. Press 1 for sales, or 2 to leave a message.']);
    const keyed = await api(server, 'POST', `/emulator/v1/Calls/${call.body.sid}/Input`, { Digits: '1' });
    expect(keyed.body.waiting_for).toBe('dial');
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '3' });
    const legs = (await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls.json?ParentCallSid=${call.body.sid}`)).body.calls;
    expect(legs.map((leg: { to: string; status: string }) => [leg.to, leg.status]).sort()).toEqual([[busyAgent, 'busy'], [freeAgent, 'in-progress']].sort());
    const agentLeg = legs.find((leg: { to: string }) => leg.to === freeAgent);
    expect(agentLeg.direction).toBe('outbound-dial');
    const bridged = await api(server, 'GET', `/emulator/v1/Calls/${call.body.sid}`);
    expect(bridged.body.waiting_for).toBe('bridge');
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '60' });
    await api(server, 'POST', `/emulator/v1/Calls/${agentLeg.sid}/Hangup`);
    const ended = await api(server, 'GET', `/emulator/v1/Calls/${call.body.sid}`);
    expect(ended.body.status).toBe('completed');
    expect(heard(ended.body)).toEqual([
      'Welcome to Acme. Press 1 for sales, or 2 to leave a message.',
      'Connecting you to sales.',
      'The call ended: completed.',
    ]);
    const dialDone = ivr.requests.find((request) => request.url === '/dial-done');
    expect(Object.fromEntries(new URLSearchParams(dialDone?.body))).toMatchObject({ DialCallStatus: 'completed', DialCallSid: agentLeg.sid, DialCallDuration: '60', DialBridged: 'true' });
  });

  it('takes a voicemail, with the recording callback and the recording itself', async () => {
    const call = await api(server, 'POST', `/emulator/v1/Handsets/${caller}/Calls`, { To: desk });
    const keyed = await api(server, 'POST', `/emulator/v1/Calls/${call.body.sid}/Input`, { Digits: '2' });
    expect(keyed.body.waiting_for).toBe('record');
    expect(keyed.body.events.map((event: { type: string }) => event.type)).toContain('beep');
    const recorded = await api(server, 'POST', `/emulator/v1/Calls/${call.body.sid}/Input`, { Recording: 'Hi, please call me back about my order.', RecordingSeconds: '6' });
    expect(recorded.body.status).toBe('completed');
    expect(heard(recorded.body).at(-1)).toBe('Thank you, goodbye.');
    const action = Object.fromEntries(new URLSearchParams(ivr.requests.find((request) => request.url === '/recorded')?.body));
    expect(action.RecordingDuration).toBe('6');
    const media = await fetch(action.RecordingUrl);
    expect(await media.text()).toBe('Hi, please call me back about my order.');
    const status = Object.fromEntries(new URLSearchParams(ivr.requests.find((request) => request.url === '/recording-status')?.body));
    expect(status).toMatchObject({ RecordingStatus: 'completed', RecordingSid: action.RecordingSid, CallSid: call.body.sid });
  });

  it('signed every request it got, status callbacks included', async () => {
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    expect(ivr.requests.filter((request) => request.url === '/status').length).toBeGreaterThanOrEqual(2);
    expect(unsigned).toEqual([]);
  });
});

describe('a browser client', () => {
  it('registers client:alice with an Access Token from the twilio package and receives a call', async () => {
    const client = twilioClient(server);
    const key = await client.newKeys.create({ friendlyName: 'browser' });
    const token = new twilio.jwt.AccessToken(accountSid, key.sid, key.secret, { identity: 'alice' });
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/emulator/v1/Clients?token=${token.toJwt()}`);
    const messages: Array<Record<string, unknown>> = [];
    const arrived = (type: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const found = messages.find((message) => message.type === type);
        if (found) return resolve(found);
        socket.on('message', function check(data) {
          const message = JSON.parse(String(data));
          if (message.type === type) {
            socket.off('message', check);
            resolve(message);
          }
        });
      });
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    expect(await arrived('registered')).toMatchObject({ identity: 'alice' });

    const support = '+15550107000';
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'to alice', Twiml: '<Response><Dial><Client>alice</Client></Dial></Response>' });
    await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: support, VoiceUrl: bin.body.url });
    const call = await api(server, 'POST', `/emulator/v1/Handsets/${caller}/Calls`, { To: support });
    expect(call.body.waiting_for).toBe('dial');
    const incoming = await arrived('incoming');
    expect(incoming).toMatchObject({ from: caller, to: 'client:alice' });
    socket.send(JSON.stringify({ type: 'accept', callSid: incoming.callSid }));
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    expect((await api(server, 'GET', `/emulator/v1/Calls/${call.body.sid}`)).body.waiting_for).toBe('bridge');
    socket.send(JSON.stringify({ type: 'hangup', callSid: incoming.callSid }));
    await once(socket, 'message');
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    expect((await api(server, 'GET', `/emulator/v1/Calls/${call.body.sid}`)).body.status).toBe('completed');
    expect(messages.some((message) => message.type === 'event' && (message.event as { type: string }).type === 'bridged')).toBe(true);
    socket.close();
  });

  it('is refused with a forged token', async () => {
    const token = new twilio.jwt.AccessToken(accountSid, 'SK' + '0'.repeat(32), 'not-the-secret', { identity: 'mallory' });
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
    const socket = new WebSocket(`${server.url.replace('http', 'ws')}/emulator/v1/Clients?token=${token.toJwt()}`);
    const [data] = await once(socket, 'message');
    expect(JSON.parse(String(data))).toMatchObject({ type: 'error', code: 20103 });
    const [code] = await once(socket, 'close');
    expect(code).toBe(4401);
  });
});
