import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, testServer } from './support/test-server.ts';

/**
 * Issue 5's "done when": the real exported voice flows 03, 04 and 05 (read from the shared
 * reference folder, not copied into the project) run end to end over the emulator, each called
 * from (or calling) a handset, with the prompts heard, keys pressed, and Studio's step path.
 */
const flowsDir = path.resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/reference/flows');
const accounts = `/2010-04-01/Accounts/${accountSid}`;
let server: RunningServer;
let functions: Awaited<ReturnType<typeof farSide>>;

beforeAll(async () => {
  server = await testServer();
  // The far side of the network: the Twilio Function flow 03 calls.
  functions = await farSide((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
});
afterAll(async () => {
  await server.close();
  await functions.close();
});

async function publish(file: string, rewrite: (text: string) => string = (text) => text): Promise<{ flowSid: string; webhook: string }> {
  const definition = rewrite(readFileSync(path.join(flowsDir, file), 'utf8'));
  const flow = await api(server, 'POST', '/v2/Flows', { FriendlyName: file, Status: 'published', Definition: definition });
  expect(flow.status).toBe(201);
  return { flowSid: flow.body.sid, webhook: flow.body.webhook_url };
}
async function buy(phoneNumber: string, settings: Record<string, string>) {
  expect((await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: phoneNumber, ...settings })).status).toBe(201);
}
const heard = (call: { events: Array<{ type: string; text?: string }> }) => call.events.filter((event) => event.type === 'say').map((event) => event.text);
async function stepPath(flowSid: string, executionSid?: string) {
  const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
  const execution = executionSid ? executions.find((candidate: { sid: string }) => candidate.sid === executionSid) : executions[0];
  const steps = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Steps`)).body.steps;
  return { status: execution.status, path: steps.map((step: { transitioned_from: string; name: string; transitioned_to: string }) => `${step.transitioned_from} -${step.name}-> ${step.transitioned_to}`) };
}

describe.skipIf(!existsSync(flowsDir))('the reference voice flows', () => {
  it('05: a caller hears the announcements, keys 123, the call recording starts and stops, and the summary is texted', async () => {
    const { flowSid, webhook } = await publish('05-voice-gather-record-call.json');
    await buy('+15550700005', { VoiceUrl: webhook });
    const call = await api(server, 'POST', '/emulator/v1/Handsets/+15550710005/Calls', { To: '+15550700005' });
    expect(heard(call.body)).toEqual(['Annoucement, turning call recording on.', 'Record until entered 1 2 3']);
    expect(call.body.waiting_for).toBe('gather');
    const keyed = await api(server, 'POST', `/emulator/v1/Calls/${call.body.sid}/Input`, { Digits: '123' });
    expect(heard(keyed.body).slice(2)).toEqual(['Recording completed,\nstop recording.'.replace('\n', ' ')]);
    expect(keyed.body.status).toBe('completed');
    const recordings = (await api(server, 'GET', `${accounts}/Calls/${call.body.sid}/Recordings.json`)).body.recordings;
    expect(recordings).toHaveLength(1);
    const texted = (await api(server, 'GET', '/emulator/v1/Handsets/+16505552222/Messages')).body.messages;
    expect(texted.at(-1).body).toMatch(/^Recording information/);
    const { status, path: steps } = await stepPath(flowSid);
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
    await buy('+15550700004', {});
    const contact = '+15550710004';
    await api(server, 'POST', `/emulator/v1/Handsets/${contact}`, { AnswerMode: 'auto', AnsweredBy: 'human' });
    const execution = await api(server, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: contact, From: '+15550700004', Parameters: JSON.stringify({ reason: 'renew your plan', ui: 'agent-desk' }) });
    expect(execution.status).toBe(201);
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    const calls = (await api(server, 'GET', `${accounts}/Calls.json?To=${encodeURIComponent(contact)}`)).body.calls;
    expect(calls[0]).toMatchObject({ direction: 'outbound-api', answered_by: 'human', status: 'in-progress' });
    const contactCall = (await api(server, 'GET', `/emulator/v1/Calls/${calls[0].sid}`)).body;
    expect(heard(contactCall)).toEqual(['Hello, we are calling you today to renew your plan . Please wait while we connect you with an agent.']);
    expect(contactCall.waiting_for).not.toBeNull();
    // An agent takes the next caller from the workflow's queue.
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'agent', Twiml: '<Response><Dial><Queue>WW573b22630835278b6ae66155e7a59fd7</Queue></Dial></Response>' });
    await buy('+15550700014', { VoiceUrl: bin.body.url });
    const agent = await api(server, 'POST', '/emulator/v1/Handsets/+15550710014/Calls', { To: '+15550700014' });
    expect(agent.body.waiting_for).toBe('bridge');
    await api(server, 'POST', `/emulator/v1/Calls/${agent.body.sid}/Hangup`);
    const { status, path: steps } = await stepPath(flowSid, execution.body.sid);
    expect(steps).toEqual(['Trigger -incomingRequest-> initate_call', 'initate_call -answered-> announce', 'announce -audioComplete-> enqueue', 'enqueue -callComplete-> Ended']);
    expect(status).toBe('ended');
  });

  it('04: a contact whose line is busy gets the text message instead', async () => {
    const { flowSid } = await publish('04-predictive-dialer.json');
    const contact = '+15550710024';
    await api(server, 'POST', `/emulator/v1/Handsets/${contact}`, { AnswerMode: 'busy' });
    const execution = await api(server, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: contact, From: '+15550700004', Parameters: JSON.stringify({ reason: 'renew your plan' }) });
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    const { status, path: steps } = await stepPath(flowSid, execution.body.sid);
    expect(steps).toEqual(['Trigger -incomingRequest-> initate_call', 'initate_call -busy-> send_message', 'send_message -sent-> Ended']);
    expect(status).toBe('ended');
    const texted = (await api(server, 'GET', `/emulator/v1/Handsets/${contact}/Messages`)).body.messages;
    expect(texted.at(-1).body).toBe('Hi, we tried to reach you today to discuss about renew your plan. Please give us a call a callback');
  });

  it('03: a caller hears the Portuguese menu, keys 0, the Function is called with their number, and the goodbye is heard', async () => {
    const { flowSid, webhook } = await publish('03-frontline-airtable-bot.json', (text) => text.replaceAll('https://your-serverless-url-dev.twil.io', functions.url));
    await buy('+15550700003', { VoiceUrl: webhook });
    const call = await api(server, 'POST', '/emulator/v1/Handsets/+15550710003/Calls', { To: '+15550700003' });
    expect(heard(call.body)[0]).toMatch(/bem vindo ao atendimento Twilio/);
    const keyed = await api(server, 'POST', `/emulator/v1/Calls/${call.body.sid}/Input`, { Digits: '0' });
    expect(heard(keyed.body).at(-1)).toBe('Favor se dirigir ao aplicativo do Whats-ápp para continuar o atendimento. Até já!');
    expect(new URLSearchParams(functions.requests.at(-1)?.body).get('To')).toBe('+15550710003');
    const { status, path: steps } = await stepPath(flowSid);
    expect(steps).toEqual(['Trigger -incomingCall-> set_variables_2', 'set_variables_2 -next-> gather_1', 'gather_1 -keypress-> function_1', 'function_1 -success-> say_play_2', 'say_play_2 -audioComplete-> Ended']);
    expect(status).toBe('ended');
  });
});
