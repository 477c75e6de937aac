import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { testCommand } from '../src/cli/test-command.ts';
import type { RunningServer } from '../src/server/server.ts';
import { projectRoot as root } from './support/child-process.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';
import { buyNumber, emulator, publishFlow, voiceFlowNumber } from './support/voice-harness.ts';

/** `GET /app/v1/Flows/{FW}/Executions/{FN}/FlowTest`: a stored execution as a flow test file. */
const contact = '+15550001234';
const flowNumber = '+15555550142';
const authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;

let server: RunningServer;
let greeter: Awaited<ReturnType<typeof farSide>>;
let smsFlowSid: string;

const smsFlow = (url: string) => ({
  description: 'Asks a name, greets through an API, then waits a minute for more',
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'ask' }] },
    { name: 'ask', type: 'send-and-wait-for-reply', properties: { body: 'What is your name?', timeout: '600' },
      transitions: [{ event: 'incomingMessage', next: 'greet' }, { event: 'timeout' }, { event: 'deliveryFailure' }] },
    { name: 'greet', type: 'make-http-request',
      properties: { method: 'GET', url: `${url}/greetings/{{widgets.ask.inbound.Body}}`, content_type: 'application/x-www-form-urlencoded;charset=utf-8', parameters: [{ key: 'from', value: '{{contact.channel.address}}' }] },
      transitions: [{ event: 'success', next: 'hello' }, { event: 'failed' }] },
    { name: 'hello', type: 'send-message', properties: { body: '{{widgets.greet.parsed.text}}' }, transitions: [{ event: 'sent', next: 'more' }, { event: 'failed' }] },
    { name: 'more', type: 'send-and-wait-for-reply', properties: { body: 'Anything else?', timeout: '60' },
      transitions: [{ event: 'incomingMessage' }, { event: 'timeout', next: 'bye' }, { event: 'deliveryFailure' }] },
    { name: 'bye', type: 'send-message', properties: { body: 'Bye' }, transitions: [{ event: 'sent' }, { event: 'failed' }] },
  ],
});

const get = (path: string, headers: Record<string, string> = { authorization }) => server.app.inject({ method: 'GET', url: path, headers });

beforeAll(async () => {
  server = await testServer();
  greeter = await farSide((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ text: `Hello ${decodeURIComponent(request.url.split('/')[2]!.split('?')[0]!)}!` }));
  });
  const published = await publishFlow(server, smsFlow(greeter.url), 'Greeter: "SMS"');
  smsFlowSid = published.flowSid;
  await buyNumber(server, flowNumber, { SmsUrl: published.webhook });
});
afterAll(async () => {
  await server.close();
  await greeter.close();
});

/** `switchboard test` on the saved file, offline, with the flow exported beside it under the name the file gives. */
async function replay(yaml: string, definition: unknown): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-saved-'));
  await writeFile(join(folder, parse(yaml).flow), JSON.stringify(definition));
  await writeFile(join(folder, 'saved.flowtest.yaml'), yaml);
  const printed: string[] = [];
  expect(await testCommand([folder], {}, { print: (line) => printed.push(line) }), printed.join('\n')).toBe(0);
  return printed.join('\n');
}

async function text(body: string): Promise<void> {
  const sent = await api(server, 'POST', `/emulator/v1/Handsets/${encodeURIComponent(contact)}/Messages`, { To: flowNumber, Body: body });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  await server.context.network.idle();
}

describe('an execution saved as a flow test', () => {
  it('writes an SMS session: the texts both ways, the timeout, the API as a mock rendered as the widget called it, and the path', async () => {
    await text('hi');
    await text('Ada');
    expect((await emulator(server).advance(60)).status).toBe(200);
    await server.context.network.idle();
    const [execution] = (await api(server, 'GET', `/v2/Flows/${smsFlowSid}/Executions`)).body.executions;

    const response = await get(`/app/v1/Flows/${smsFlowSid}/Executions/${execution.sid}/FlowTest`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="Greeter- -SMS-.flowtest.yaml"; filename*=UTF-8''Greeter-%20-SMS-.flowtest.yaml`);
    expect(parse(response.body)).toEqual({
      flow: 'Greeter- -SMS-.json',
      channel: 'sms',
      contact,
      number: flowNumber,
      mocks: [{
        url: `${greeter.url}/greetings/Ada?from=%2B15550001234`,
        method: 'GET',
        status: 200,
        body: { text: 'Hello Ada!' },
        content_type: 'application/json',
      }],
      tests: [{
        name: 'recorded chat',
        turns: [
          { send: 'hi' },
          { expect: { message: 'What is your name?' } },
          { send: 'Ada' },
          { expect: { message: 'Hello Ada!' } },
          { expect: { message: 'Anything else?' } },
          { wait: 'timeout' },
          { expect: { message: 'Bye' } },
          { expect: { path: ['ask', 'greet', 'hello', 'more', 'bye'], ended: true } },
        ],
      }],
    });
    expect(await replay(response.body, smsFlow(greeter.url))).toContain('1 passed, 0 failed');
  });

  it('writes a call: what the caller heard, the key pressed and the path', async () => {
    const definition = JSON.parse(await readFile(join(root, 'test/fixtures/ivr-menu.json'), 'utf8'));
    const ivr = await voiceFlowNumber(server, definition, { number: '+15555550143', friendlyName: 'IVR' });
    const phone = emulator(server);
    const placed = await phone.call(contact, ivr.number);
    await phone.input(placed.sid, { Digits: '1' });
    const [execution] = (await api(server, 'GET', `/v2/Flows/${ivr.flowSid}/Executions`)).body.executions;
    const response = await get(`/app/v1/Flows/${ivr.flowSid}/Executions/${execution.sid}/FlowTest`);
    expect(response.statusCode).toBe(200);
    expect(parse(response.body)).toMatchObject({ flow: 'IVR.json', channel: 'voice', contact, number: ivr.number, mocks: [] });
    expect(parse(response.body).tests[0].turns).toEqual([
      { expect: { heard: 'Welcome to Switchboard Pizza.' } },
      { expect: { heard: 'Press 1 for our opening hours, or tell us what you would like.' } },
      { press: '1' },
      { expect: { heard: 'We are open from noon to midnight, every day.' } },
      { expect: { heard: 'https://example.com/audio/goodbye.mp3' } },
      { expect: { path: ['greet', 'menu', 'choice', 'hours', 'goodbye'], ended: true } },
    ]);
    expect(await replay(response.body, definition)).toContain('1 passed, 0 failed');

    // A caller who lets the menu time out once, then hangs up.
    const waited = await phone.call(contact, ivr.number);
    expect((await phone.advance(5)).status).toBe(200);
    await phone.hangup(waited.sid);
    const [timedOut] = (await api(server, 'GET', `/v2/Flows/${ivr.flowSid}/Executions`)).body.executions;
    const menu = { expect: { heard: 'Press 1 for our opening hours, or tell us what you would like.' } };
    const timedOutTest = (await get(`/app/v1/Flows/${ivr.flowSid}/Executions/${timedOut.sid}/FlowTest`)).body;
    expect(await replay(timedOutTest, definition)).toContain('1 passed, 0 failed');
    expect(parse(timedOutTest).tests[0].turns.slice(1)).toEqual([
      menu,
      { wait: 'timeout' },
      menu,
      'hangup',
      { expect: { path: ['greet', 'menu', 'menu'], ended: true } },
    ]);

    // A caller who hangs up at the menu.
    await phone.hangup((await phone.call(contact, ivr.number)).sid);
    const [later] = (await api(server, 'GET', `/v2/Flows/${ivr.flowSid}/Executions`)).body.executions;
    expect(later.sid).not.toBe(execution.sid);
    const hungUp = await get(`/app/v1/Flows/${ivr.flowSid}/Executions/${later.sid}/FlowTest`);
    expect(parse(hungUp.body).tests[0].turns.slice(2)).toEqual(['hangup', { expect: { path: ['greet', 'menu'], ended: true } }]);
  });

  it('writes a conversation: the contact and its proxy number from the participant, its messages and the flow\'s', async () => {
    const definition = {
      description: 'Asks for an order number in the conversation',
      initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingConversationMessage', next: 'ask' }] },
        { name: 'ask', type: 'send-and-wait-for-reply', properties: { body: 'Your order number?', timeout: '600' },
          transitions: [{ event: 'incomingMessage', next: 'reply' }, { event: 'timeout' }, { event: 'deliveryFailure' }] },
        { name: 'reply', type: 'send-message', properties: { body: 'Looking up order {{widgets.ask.inbound.Body}}' }, transitions: [{ event: 'sent' }, { event: 'failed' }] },
      ],
    };
    const { flowSid } = await publishFlow(server, definition, 'Orders chat');
    const conversation = (await api(server, 'POST', '/v1/Conversations', {})).body.sid;
    await api(server, 'POST', `/v1/Conversations/${conversation}/Participants`, { 'MessagingBinding.Address': contact, 'MessagingBinding.ProxyAddress': '+15555550144' });
    await api(server, 'POST', `/v1/Conversations/${conversation}/Webhooks`, { Target: 'studio', 'Configuration.FlowSid': flowSid });
    for (const body of ['hello', '4711']) expect((await api(server, 'POST', `/v1/Conversations/${conversation}/Messages`, { Author: contact, Body: body })).status).toBe(201);
    const [execution] = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;

    const saved = (await get(`/app/v1/Flows/${flowSid}/Executions/${execution.sid}/FlowTest`)).body;
    expect(parse(saved)).toMatchObject({ channel: 'conversation', contact, number: '+15555550144' });
    expect(parse(saved).tests[0].turns).toEqual([
      { send: 'hello' },
      { expect: { message: 'Your order number?' } },
      { send: '4711' },
      { expect: { message: 'Looking up order 4711' } },
      { expect: { path: ['ask', 'reply'], ended: true } },
    ]);
    expect(await replay(saved, definition)).toContain('1 passed, 0 failed');
  });

  it("answers Twilio's 404 for an unknown execution or flow, and never a 500 for garbage SIDs", async () => {
    const unknown = await get(`/app/v1/Flows/${smsFlowSid}/Executions/FN${'0'.repeat(32)}/FlowTest`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({
      code: 20404,
      message: `The requested resource /Flows/${smsFlowSid}/Executions/FN${'0'.repeat(32)} was not found`,
      more_info: 'https://www.twilio.com/docs/errors/20404',
      status: 404,
    });
    for (const path of [
      `/app/v1/Flows/FW${'0'.repeat(32)}/Executions/FN${'0'.repeat(32)}/FlowTest`,
      `/app/v1/Flows/nope/Executions/nope/FlowTest`,
      `/app/v1/Flows/${smsFlowSid}/Executions/%00%ff'%22/FlowTest`,
      `/app/v1/Flows/${smsFlowSid}/Executions/${'x'.repeat(5000)}/FlowTest`,
      `/app/v1/Flows/${'%F0%9F%98%80'.repeat(50)}/Executions/FN1/FlowTest`,
    ]) {
      const response = await get(path);
      expect([400, 404], path).toContain(response.statusCode);
      expect(response.json(), path).toMatchObject({ code: expect.any(Number), status: response.statusCode });
    }
    expect((await get(`/app/v1/Flows/${smsFlowSid}/Executions/FN${'0'.repeat(32)}/FlowTest`, { authorization: 'Basic eDp5' })).statusCode).toBe(401);
  });
});
