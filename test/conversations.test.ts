import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultServiceSid } from '../src/carrier/emulator/conversations.ts';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';
import { twilioClient } from './support/twilio-client.ts';

/** A flow that asks in the conversation, waits for the answer, and replies. */
const askFlow = flowOf(
  { incomingConversationMessage: 'ask' },
  widget(
    'ask',
    'send-and-wait-for-reply',
    { body: 'Hi {{trigger.conversation.Author}}, your order number?', service: '{{trigger.conversation.InstanceSid}}', channel: '{{trigger.conversation.ChannelSid}}', timeout: '600' },
    { incomingMessage: 'reply', timeout: undefined, deliveryFailure: undefined },
  ),
  widget('reply', 'send-message', { body: 'Looking up order {{widgets.ask.inbound.Body}} ({{trigger.conversation.ChannelAttributes.tier}})' }, { sent: undefined, failed: undefined }),
);

let server: RunningServer;
let client: twilio.Twilio;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server);
});
afterAll(() => server.close());

async function publishedFlow(definition: unknown, name = 'conversation flow'): Promise<string> {
  const created = await api(server, 'POST', '/v2/Flows', { FriendlyName: name, Status: 'published', Definition: JSON.stringify(definition) });
  expect(created.status).toBe(201);
  return created.body.sid;
}

async function conversation(form: Record<string, string> = {}): Promise<string> {
  const created = await api(server, 'POST', '/v1/Conversations', form);
  expect(created.status).toBe(201);
  return created.body.sid;
}

const messages = async (sid: string) => (await api(server, 'GET', `/v1/Conversations/${sid}/Messages`)).body.messages as Array<{ author: string; body: string; index: number }>;

describe('a Studio flow attached to a conversation', () => {
  it('starts on the contact\'s message, asks in the conversation, resumes on the answer and replies', async () => {
    const flowSid = await publishedFlow(askFlow);
    const sid = await conversation({ FriendlyName: 'Order help', Attributes: '{"tier":"gold"}' });
    const participant = await api(server, 'POST', `/v1/Conversations/${sid}/Participants`, { 'MessagingBinding.Address': '+15550301000', 'MessagingBinding.ProxyAddress': '+15550309999' });
    expect(participant.status).toBe(201);
    const webhook = await api(server, 'POST', `/v1/Conversations/${sid}/Webhooks`, { Target: 'studio', 'Configuration.FlowSid': flowSid });
    expect(webhook.status).toBe(201);
    expect(webhook.body).toMatchObject({ target: 'studio', configuration: { flow_sid: flowSid }, conversation_sid: sid });

    const first = await api(server, 'POST', `/v1/Conversations/${sid}/Messages`, { Author: '+15550301000', Body: 'hello' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ index: 0, author: '+15550301000', body: 'hello', participant_sid: participant.body.sid });
    expect((await messages(sid)).map((message) => [message.index, message.author, message.body])).toEqual([
      [0, '+15550301000', 'hello'],
      [1, 'system', 'Hi +15550301000, your order number?'],
    ]);

    await api(server, 'POST', `/v1/Conversations/${sid}/Messages`, { Author: '+15550301000', Body: '4711' });
    expect((await messages(sid)).slice(2).map((message) => [message.index, message.author, message.body])).toEqual([
      [2, '+15550301000', '4711'],
      [3, 'system', 'Looking up order 4711 (gold)'],
    ]);

    const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
    expect(executions).toHaveLength(1);
    expect(executions[0]).toMatchObject({ contact_channel_address: sid, status: 'ended' });
    const steps = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${executions[0].sid}/Steps`)).body.steps;
    expect(steps.map((step: { name: string; transitioned_from: string; transitioned_to: string }) => [step.name, step.transitioned_from, step.transitioned_to])).toEqual([
      ['incomingConversationMessage', 'Trigger', 'ask'],
      ['incomingMessage', 'ask', 'reply'],
      ['sent', 'reply', 'Ended'],
    ]);

    const context = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${executions[0].sid}/Context`)).body.context;
    expect(context.trigger.conversation).toMatchObject({
      AccountSid: accountSid,
      EventType: 'onMessageAdded',
      ConversationSid: sid,
      ChannelSid: sid,
      InstanceSid: defaultServiceSid(accountSid),
      Author: '+15550301000',
      Body: 'hello',
      Index: '0',
      MessageSid: first.body.sid,
      ParticipantSid: participant.body.sid,
      Source: 'API',
      WebhookSid: webhook.body.sid,
      WebhookType: 'studio',
      RetryCount: '0',
      ChannelAttributes: { tier: 'gold' },
    });
    expect(context.widgets.ask.outbound).toMatchObject({ ConversationSid: sid, Author: 'system', Index: 1, Body: 'Hi +15550301000, your order number?' });
    expect(context.widgets.ask.inbound).toMatchObject({ Body: '4711', Index: '2' });
  });

  it('answers into the conversation with Studio\'s SMS-style defaults too, and as the author `from` names', async () => {
    const flowSid = await publishedFlow(
      flowOf(
        { incomingConversationMessage: 'greet' },
        widget('greet', 'send-message', { body: 'Welcome', service: '{{trigger.message.InstanceSid}}', channel: '{{trigger.message.ChannelSid}}' }, { sent: 'sign', failed: undefined }),
        widget('sign', 'send-message', { body: 'Signed', from: 'Bot' }, { sent: undefined, failed: undefined }),
      ),
    );
    const sid = await conversation();
    await api(server, 'POST', `/v1/Conversations/${sid}/Webhooks`, { Target: 'studio', 'Configuration.FlowSid': flowSid });
    await api(server, 'POST', `/v1/Conversations/${sid}/Messages`, { Author: 'alice', Body: 'hi' });
    expect((await messages(sid)).map((message) => [message.author, message.body])).toEqual([
      ['alice', 'hi'],
      ['system', 'Welcome'],
      ['Bot', 'Signed'],
    ]);
  });

  it('takes the failed transition when the conversation refuses the flow\'s message', async () => {
    const flowSid = await publishedFlow(
      flowOf(
        { incomingConversationMessage: 'bad' },
        widget('bad', 'send-message', { body: 'x', attributes: 'not json' }, { sent: undefined, failed: 'sorry' }),
        widget('sorry', 'send-message', { body: 'Sorry: {{widgets.bad.error.message}}' }),
      ),
    );
    const sid = await conversation();
    await api(server, 'POST', `/v1/Conversations/${sid}/Webhooks`, { Target: 'studio', 'Configuration.FlowSid': flowSid });
    await api(server, 'POST', `/v1/Conversations/${sid}/Messages`, { Author: 'dave', Body: 'hi' });
    const [, reply] = await messages(sid);
    expect(reply.body).toMatch(/^Sorry: Failed to send Message: .*Attributes must be JSON text/);
  });

  it('shows the conversation\'s messages on the emulator event stream', async () => {
    const sid = await conversation();
    const controller = new AbortController();
    const response = await fetch(`${server.url}/emulator/v1/Events`, {
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await api(server, 'POST', `/v1/Conversations/${sid}/Messages`, { Author: 'erin', Body: 'on the stream' });
    let text = '';
    while (!text.includes('event: conversation-message')) text += new TextDecoder().decode((await reader.read()).value);
    while (!text.endsWith('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const data = JSON.parse(text.split('event: conversation-message\ndata: ')[1].split('\n')[0]);
    expect(data).toMatchObject({ conversation_sid: sid, author: 'erin', body: 'on the stream', index: 0 });
  });

  it('replays the messages from ReplayAfter on to a flow attached late, and does not start a flow for messages posted before without it', async () => {
    const flowSid = await publishedFlow(flowOf({ incomingConversationMessage: 'echo' }, widget('echo', 'send-message', { body: 'Heard: {{trigger.conversation.Body}}' })));
    const sid = await conversation({ UniqueName: 'late-flow' });
    await api(server, 'POST', `/v1/Conversations/${sid}/Messages`, { Author: 'bob', Body: 'first' });
    await api(server, 'POST', `/v1/Conversations/${sid}/Messages`, { Author: 'bob', Body: 'second' });
    const webhook = await api(server, 'POST', '/v1/Conversations/late-flow/Webhooks', { Target: 'studio', 'Configuration.FlowSid': flowSid, 'Configuration.ReplayAfter': '1' });
    expect(webhook.body.configuration).toEqual({ flow_sid: flowSid, replay_after: 1 });
    expect((await messages(sid)).map((message) => message.body)).toEqual(['first', 'second', 'Heard: second']);
  });
});

describe('the official twilio package against the emulated Conversations', () => {
  it('creates a conversation, adds a participant and a studio webhook, posts and lists messages', async () => {
    const flowSid = await publishedFlow(askFlow, 'sdk conversation flow');
    const created = await client.conversations.v1.conversations.create({ friendlyName: 'SDK chat', uniqueName: 'sdk-chat', attributes: '{"tier":"silver"}' });
    expect(created).toMatchObject({ friendlyName: 'SDK chat', uniqueName: 'sdk-chat', attributes: '{"tier":"silver"}', state: 'active', accountSid, chatServiceSid: defaultServiceSid(accountSid) });
    expect(created.sid).toMatch(/^CH[0-9a-f]{32}$/);
    expect((await client.conversations.v1.conversations('sdk-chat').fetch()).sid).toBe(created.sid);

    const participant = await client.conversations.v1.conversations(created.sid).participants.create({ identity: 'carol' });
    expect(participant).toMatchObject({ identity: 'carol', conversationSid: created.sid, messagingBinding: null });
    expect(participant.sid).toMatch(/^MB[0-9a-f]{32}$/);
    expect((await client.conversations.v1.conversations(created.sid).participants.list()).map((item) => item.sid)).toEqual([participant.sid]);

    const webhook = await client.conversations.v1.conversations(created.sid).webhooks.create({ target: 'studio', 'configuration.flowSid': flowSid, 'configuration.replayAfter': 0 });
    expect(webhook).toMatchObject({ target: 'studio', configuration: { flow_sid: flowSid, replay_after: 0 } });
    expect(webhook.sid).toMatch(/^WH[0-9a-f]{32}$/);
    expect((await client.conversations.v1.conversations(created.sid).webhooks.list()).map((item) => item.sid)).toEqual([webhook.sid]);

    const message = await client.conversations.v1.conversations(created.sid).messages.create({ author: 'carol', body: 'hello' });
    expect(message).toMatchObject({ index: 0, author: 'carol', body: 'hello', participantSid: participant.sid, conversationSid: created.sid });
    expect(message.sid).toMatch(/^IM[0-9a-f]{32}$/);
    await client.conversations.v1.conversations(created.sid).messages.create({ author: 'carol', body: '42' });

    const listed = await client.conversations.v1.conversations(created.sid).messages.list({ pageSize: 2 });
    expect(listed.map((item) => [item.index, item.author, item.body])).toEqual([
      [0, 'carol', 'hello'],
      [1, 'system', 'Hi carol, your order number?'],
      [2, 'carol', '42'],
      [3, 'system', 'Looking up order 42 (silver)'],
    ]);
    const newest = await client.conversations.v1.conversations(created.sid).messages.list({ order: 'desc', limit: 1 });
    expect(newest.map((item) => item.index)).toEqual([3]);
    expect((await client.conversations.v1.conversations.list()).map((item) => item.sid)).toContain(created.sid);

    await expect(client.conversations.v1.conversations('CH' + '0'.repeat(32)).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.conversations.v1.conversations.create({ uniqueName: 'sdk-chat' })).rejects.toMatchObject({ status: 409, code: 50353 });
  });
});

describe('garbage to the Conversations routes', () => {
  const unknown = 'CH' + '0'.repeat(32);
  let sid = '';
  beforeAll(async () => {
    sid = await conversation({ UniqueName: 'garbage-target' });
  });

  const cases: Array<{ what: string; method: string; path: () => string; form?: Record<string, string | string[]>; status: number; code: number; names?: string; auth?: string }> = [
    { what: 'no credentials', method: 'GET', path: () => '/v1/Conversations', status: 401, code: 20003, auth: 'nobody:nothing' },
    { what: 'Attributes that are not JSON', method: 'POST', path: () => '/v1/Conversations', form: { Attributes: '{nope' }, status: 400, code: 20001, names: 'Attributes' },
    { what: 'Attributes nested too deep', method: 'POST', path: () => '/v1/Conversations', form: { Attributes: '['.repeat(100) + ']'.repeat(100) }, status: 400, code: 20001, names: 'Attributes' },
    { what: 'a repeated FriendlyName', method: 'POST', path: () => '/v1/Conversations', form: { FriendlyName: ['a', 'b'] }, status: 400, code: 20001, names: 'FriendlyName' },
    { what: 'a UniqueName shaped like a SID', method: 'POST', path: () => '/v1/Conversations', form: { UniqueName: 'CH' + 'a'.repeat(32) }, status: 400, code: 50390 },
    { what: 'a UniqueName taken', method: 'POST', path: () => '/v1/Conversations', form: { UniqueName: 'garbage-target' }, status: 409, code: 50353 },
    { what: 'a PageSize of zero', method: 'GET', path: () => '/v1/Conversations?PageSize=0', status: 400, code: 20001, names: 'PageSize' },
    { what: 'a PageToken not issued', method: 'GET', path: () => '/v1/Conversations?PageToken=garbage', status: 400, code: 20001, names: 'PageToken' },
    { what: 'an unknown conversation', method: 'GET', path: () => `/v1/Conversations/${unknown}`, status: 404, code: 20404 },
    { what: 'an unknown unique name', method: 'GET', path: () => '/v1/Conversations/no-such%20name', status: 404, code: 20404 },
    { what: 'participants of an unknown conversation', method: 'POST', path: () => `/v1/Conversations/${unknown}/Participants`, form: { Identity: 'x' }, status: 404, code: 20404 },
    { what: 'a participant with no identity or address', method: 'POST', path: () => `/v1/Conversations/${sid}/Participants`, form: {}, status: 400, code: 20001, names: 'Identity' },
    { what: 'a participant with both', method: 'POST', path: () => `/v1/Conversations/${sid}/Participants`, form: { Identity: 'x', 'MessagingBinding.Address': '+15550300001', 'MessagingBinding.ProxyAddress': '+15550300002' }, status: 400, code: 20001, names: 'Identity' },
    { what: 'an address with no proxy', method: 'POST', path: () => `/v1/Conversations/${sid}/Participants`, form: { 'MessagingBinding.Address': '+15550300001' }, status: 400, code: 20001, names: 'MessagingBinding.ProxyAddress' },
    { what: 'a proxy with no address', method: 'POST', path: () => `/v1/Conversations/${sid}/Participants`, form: { 'MessagingBinding.ProxyAddress': '+15550300001' }, status: 400, code: 20001, names: 'MessagingBinding.Address' },
    { what: 'an address that is no number', method: 'POST', path: () => `/v1/Conversations/${sid}/Participants`, form: { 'MessagingBinding.Address': 'garbage', 'MessagingBinding.ProxyAddress': '+15550300002' }, status: 400, code: 20001, names: 'MessagingBinding.Address' },
    { what: 'a WhatsApp address with an SMS proxy', method: 'POST', path: () => `/v1/Conversations/${sid}/Participants`, form: { 'MessagingBinding.Address': 'whatsapp:+15550300001', 'MessagingBinding.ProxyAddress': '+15550300002' }, status: 400, code: 20001, names: 'MessagingBinding.ProxyAddress' },
    { what: 'participant Attributes that are not JSON', method: 'POST', path: () => `/v1/Conversations/${sid}/Participants`, form: { Identity: 'x', Attributes: 'garbage' }, status: 400, code: 20001, names: 'Attributes' },
    { what: 'a participants page of garbage', method: 'GET', path: () => `/v1/Conversations/${sid}/Participants?Page=-1`, status: 400, code: 20001, names: 'Page' },
    { what: 'a webhook with no Target', method: 'POST', path: () => `/v1/Conversations/${sid}/Webhooks`, form: {}, status: 400, code: 20001, names: 'Target' },
    { what: 'a webhook with an unknown Target', method: 'POST', path: () => `/v1/Conversations/${sid}/Webhooks`, form: { Target: 'garbage' }, status: 400, code: 20001, names: 'Target' },
    { what: 'a webhook target that is not emulated', method: 'POST', path: () => `/v1/Conversations/${sid}/Webhooks`, form: { Target: 'webhook', 'Configuration.Url': 'https://example.com' }, status: 400, code: 20001, names: 'Target' },
    { what: 'a studio webhook with no FlowSid', method: 'POST', path: () => `/v1/Conversations/${sid}/Webhooks`, form: { Target: 'studio' }, status: 400, code: 20001, names: 'Configuration.FlowSid' },
    { what: 'a FlowSid that is no SID', method: 'POST', path: () => `/v1/Conversations/${sid}/Webhooks`, form: { Target: 'studio', 'Configuration.FlowSid': 'garbage' }, status: 400, code: 50367, names: 'Configuration.FlowSid' },
    { what: 'a FlowSid of no flow', method: 'POST', path: () => `/v1/Conversations/${sid}/Webhooks`, form: { Target: 'studio', 'Configuration.FlowSid': 'FW' + '0'.repeat(32) }, status: 400, code: 50367, names: 'Configuration.FlowSid' },
    { what: 'a ReplayAfter that is no index', method: 'POST', path: () => `/v1/Conversations/${sid}/Webhooks`, form: { Target: 'studio', 'Configuration.FlowSid': 'FW' + '0'.repeat(32), 'Configuration.ReplayAfter': '-1' }, status: 400, code: 20001, names: 'Configuration.ReplayAfter' },
    { what: 'webhooks of an unknown conversation', method: 'GET', path: () => `/v1/Conversations/${unknown}/Webhooks`, status: 404, code: 20404 },
    { what: 'a message with no Body', method: 'POST', path: () => `/v1/Conversations/${sid}/Messages`, form: { Author: 'x' }, status: 400, code: 20001, names: 'Body' },
    { what: 'a message body too long', method: 'POST', path: () => `/v1/Conversations/${sid}/Messages`, form: { Body: 'ü'.repeat(1601) }, status: 400, code: 20001, names: 'Body' },
    { what: 'a repeated Author', method: 'POST', path: () => `/v1/Conversations/${sid}/Messages`, form: { Author: ['a', 'b'], Body: 'x' }, status: 400, code: 20001, names: 'Author' },
    { what: 'message Attributes that are not JSON', method: 'POST', path: () => `/v1/Conversations/${sid}/Messages`, form: { Body: 'x', Attributes: '[' }, status: 400, code: 20001, names: 'Attributes' },
    { what: 'messages of an unknown conversation', method: 'POST', path: () => `/v1/Conversations/${unknown}/Messages`, form: { Body: 'x' }, status: 404, code: 20404 },
    { what: 'messages in an unknown Order', method: 'GET', path: () => `/v1/Conversations/${sid}/Messages?Order=sideways`, status: 400, code: 20001, names: 'Order' },
  ];

  it.each(cases)('$what gets $status with code $code', async ({ method, path, form, status, code, names, auth }) => {
    const answer = await api(server, method, path(), form, auth);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code, status, more_info: `https://www.twilio.com/docs/errors/${code}` });
    if (names) expect(answer.body.message).toContain(names);
  });

  it('JSON bodies with values of the wrong types get 400 naming the parameter, not 500', async () => {
    const bodies: Array<[string, string, string]> = [
      ['/v1/Conversations', '{"FriendlyName":null}', 'FriendlyName'],
      ['/v1/Conversations', '{"Attributes":{"not":"text"}}', 'Attributes'],
      [`/v1/Conversations/${sid}/Messages`, '{"Body":{"nested":true}}', 'Body'],
      [`/v1/Conversations/${sid}/Participants`, '{"Identity":["a","b"]}', 'Identity'],
      [`/v1/Conversations/${sid}/Webhooks`, '{"Target":5}', 'Target'],
    ];
    for (const [path, body, names] of bodies) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`, 'content-type': 'application/json' },
        body,
      });
      expect(response.status, `${path} ${body}`).toBe(400);
      expect((await response.json()).message).toContain(names);
    }
  });

  it('left the target conversation without messages, participants or webhooks', async () => {
    expect(await messages(sid)).toEqual([]);
    expect((await api(server, 'GET', `/v1/Conversations/${sid}/Participants`)).body.participants).toEqual([]);
    expect((await api(server, 'GET', `/v1/Conversations/${sid}/Webhooks`)).body.webhooks).toEqual([]);
  });
});
