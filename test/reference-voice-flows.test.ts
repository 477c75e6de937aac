import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, testServer } from './support/test-server.ts';
import { buyNumber, emulator, heard, publishFlow, stepPath, type Emulator } from './support/voice-harness.ts';

/**
 * Issue 5's "done when": the real exported voice flows 03, 04 and 05 (read from the shared
 * reference folder, not copied into the project) run end to end over the emulator, each called
 * from (or calling) a handset, with the prompts heard, keys pressed, and Studio's step path.
 */
const flowsDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/reference/flows');
const accounts = `/2010-04-01/Accounts/${accountSid}`;
let server: RunningServer;
let network: Emulator;
let functions: Awaited<ReturnType<typeof farSide>>;

beforeAll(async () => {
  server = await testServer();
  network = emulator(server);
  // The far side of the network: the Twilio Function flow 03 calls.
  functions = await farSide((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
});
afterAll(async () => {
  await server.close();
  await functions.close();
});

/** Publishes a reference flow file, as exported (after `rewrite`), named after the file. */
const publish = (file: string, rewrite: (text: string) => string = (text) => text) => publishFlow(server, rewrite(readFileSync(path.join(flowsDir, file), 'utf8')), file);

describe.skipIf(!existsSync(flowsDir))('the reference voice flows', () => {
  it('05: a caller hears the announcements, keys 123, the call recording starts and stops, and the summary is texted', async () => {
    const { flowSid, webhook } = await publish('05-voice-gather-record-call.json');
    await buyNumber(server, '+15550700005', { VoiceUrl: webhook });
    const call = await network.call('+15550710005', '+15550700005');
    expect(heard(call)).toEqual(['Annoucement, turning call recording on.', 'Record until entered 1 2 3']);
    expect(call.waiting_for).toBe('gather');
    const keyed = await network.input(call.sid, { Digits: '123' });
    expect(heard(keyed).slice(2)).toEqual(['Recording completed,\nstop recording.'.replace('\n', ' ')]);
    expect(keyed.status).toBe('completed');
    const recordings = (await api(server, 'GET', `${accounts}/Calls/${call.sid}/Recordings.json`)).body.recordings;
    expect(recordings).toHaveLength(1);
    const texted = (await api(server, 'GET', '/emulator/v1/Handsets/+16505552222/Messages')).body.messages;
    expect(texted.at(-1).body).toMatch(/^Recording information/);
    const { status, path: steps } = await stepPath(server, flowSid);
    expect(status).toBe('ended');
    expect(steps).toEqual([
      'Trigger -incomingCall-> say_play_4',
      'say_play_4 -audioComplete-> call_recording_3',
      'call_recording_3 -success-> say_play_1',
      'say_play_1 -audioComplete-> gather_1',
      'gather_1 -keypress-> split_1',
      'split_1 -match-> say_play_2',
      'say_play_2 -audioComplete-> call_recording_2',
      'call_recording_2 -success-> send_message_1',
      'send_message_1 -sent-> Ended',
    ]);
  });

  it('04: a REST execution calls the contact, detects a human, announces, and enqueues the call until an agent takes it', async () => {
    const { flowSid } = await publish('04-predictive-dialer.json');
    await buyNumber(server, '+15550700004');
    const contact = '+15550710004';
    await network.setHandset(contact, { AnswerMode: 'auto', AnsweredBy: 'human' });
    const execution = await api(server, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: contact, From: '+15550700004', Parameters: JSON.stringify({ reason: 'renew your plan', ui: 'agent-desk' }) });
    expect(execution.status).toBe(201);
    await network.advance(0);
    const calls = (await api(server, 'GET', `${accounts}/Calls.json?To=${encodeURIComponent(contact)}`)).body.calls;
    expect(calls[0]).toMatchObject({ direction: 'outbound-api', answered_by: 'human', status: 'in-progress' });
    const contactCall = await network.fetchCall(calls[0].sid);
    expect(heard(contactCall)).toEqual(['Hello, we are calling you today to renew your plan . Please wait while we connect you with an agent.']);
    expect(contactCall.waiting_for).not.toBeNull();
    // An agent takes the next caller from the workflow's queue.
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'agent', Twiml: '<Response><Dial><Queue>WW573b22630835278b6ae66155e7a59fd7</Queue></Dial></Response>' });
    await buyNumber(server, '+15550700014', { VoiceUrl: bin.body.url });
    const agent = await network.call('+15550710014', '+15550700014');
    expect(agent.waiting_for).toBe('bridge');
    await network.hangup(agent.sid);
    const { status, path: steps } = await stepPath(server, flowSid, execution.body.sid);
    expect(steps).toEqual(['Trigger -incomingRequest-> initate_call', 'initate_call -answered-> announce', 'announce -audioComplete-> enqueue', 'enqueue -callComplete-> Ended']);
    expect(status).toBe('ended');
  });

  it('04: a contact whose line is busy gets the text message instead', async () => {
    const { flowSid } = await publish('04-predictive-dialer.json');
    const contact = '+15550710024';
    await network.setHandset(contact, { AnswerMode: 'busy' });
    const execution = await api(server, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: contact, From: '+15550700004', Parameters: JSON.stringify({ reason: 'renew your plan' }) });
    await network.advance(0);
    const { status, path: steps } = await stepPath(server, flowSid, execution.body.sid);
    expect(steps).toEqual(['Trigger -incomingRequest-> initate_call', 'initate_call -busy-> send_message', 'send_message -sent-> Ended']);
    expect(status).toBe('ended');
    const texted = (await api(server, 'GET', `/emulator/v1/Handsets/${contact}/Messages`)).body.messages;
    expect(texted.at(-1).body).toBe('Hi, we tried to reach you today to discuss about renew your plan. Please give us a call a callback');
  });

  it('03: a caller hears the Portuguese menu, keys 0, the Function is called with their number, and the goodbye is heard', async () => {
    const { flowSid, webhook } = await publish('03-frontline-airtable-bot.json', (text) => text.replaceAll('https://your-serverless-url-dev.twil.io', functions.url));
    await buyNumber(server, '+15550700003', { VoiceUrl: webhook });
    const call = await network.call('+15550710003', '+15550700003');
    expect(heard(call)[0]).toMatch(/bem vindo ao atendimento Twilio/);
    const keyed = await network.input(call.sid, { Digits: '0' });
    expect(heard(keyed).at(-1)).toBe('Favor se dirigir ao aplicativo do Whats-ápp para continuar o atendimento. Até já!');
    expect(new URLSearchParams(functions.requests.at(-1)?.body).get('To')).toBe('+15550710003');
    const { status, path: steps } = await stepPath(server, flowSid);
    expect(steps).toEqual(['Trigger -incomingCall-> set_variables_2', 'set_variables_2 -next-> gather_1', 'gather_1 -keypress-> function_1', 'function_1 -success-> say_play_2', 'say_play_2 -audioComplete-> Ended']);
    expect(status).toBe('ended');
  });
});
