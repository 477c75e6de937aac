import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, authToken, signedHeaders, testServer } from './support/test-server.ts';

let server: RunningServer;
let numberCount = 0;

beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

/** Buys a fresh platform number with the given settings. */
async function buyNumber(settings: Record<string, string> = {}): Promise<string> {
  const phoneNumber = `+1555010${String(1000 + numberCount++)}`;
  const bought = await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: phoneNumber, ...settings });
  expect(bought.status).toBe(201);
  return phoneNumber;
}

async function text(from: string, to: string, body: string) {
  const sent = await api(server, 'POST', `/emulator/v1/Handsets/${from}/Messages`, { To: to, Body: body });
  await server.context.network.idle();
  return sent;
}

async function inbox(handset: string): Promise<Array<{ body: string; direction: string; status: string; from: string; to: string }>> {
  return (await api(server, 'GET', `/emulator/v1/Handsets/${handset}/Messages`)).body.messages;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>${body}`;

describe('a TwiML SMS app on the emulated network', () => {
  it('gets Twilio-signed webhook requests and its <Message> and <Redirect> replies are carried out', async () => {
    const app = await farSide((request, response) => {
      response.setHeader('content-type', 'text/xml');
      if (request.url === '/sms') {
        const body = new URLSearchParams(request.body).get('Body')?.replaceAll('&', '&amp;');
        response.end(xml(`<Response><Message>Echo: ${body}</Message><Redirect method="POST">/second</Redirect></Response>`));
      } else {
        response.end(xml('<Response><Message><Body>from the redirect</Body><Media>https://example.com/cat.png</Media></Message></Response>'));
      }
    });
    const number = await buyNumber({ SmsUrl: `${app.url}/sms` });
    const sent = await text('+15550200001', number, 'hello & welcome');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'inbound', status: 'received', body: 'hello & welcome', from: '+15550200001', to: number });

    const [first, second] = app.requests;
    const params = Object.fromEntries(new URLSearchParams(first.body));
    expect(params).toMatchObject({ From: '+15550200001', To: number, Body: 'hello & welcome', AccountSid: accountSid, NumMedia: '0', ApiVersion: '2010-04-01', SmsStatus: 'received' });
    expect(params.MessageSid).toBe(sent.body.sid);
    expect(twilio.validateRequest(authToken, String(first.headers['x-twilio-signature']), `${app.url}/sms`, params)).toBe(true);
    expect(second.url).toBe('/second');

    expect(await inbox('+15550200001')).toMatchObject([
      { body: 'hello & welcome', direction: 'inbound' },
      { body: 'Echo: hello & welcome', direction: 'outbound-reply', status: 'delivered', from: number, to: '+15550200001' },
      { body: 'from the redirect', direction: 'outbound-reply', status: 'delivered' },
    ]);
    await app.close();
  });

  it('falls back to SmsFallbackUrl with ErrorCode and ErrorUrl when the app fails', async () => {
    const app = await farSide((request, response) => {
      if (request.url === '/broken') return void response.writeHead(500).end('oops');
      response.setHeader('content-type', 'text/xml');
      response.end(xml('<Response><Message>Sorry, try later</Message></Response>'));
    });
    const number = await buyNumber({ SmsUrl: `${app.url}/broken`, SmsFallbackUrl: `${app.url}/fallback` });
    await text('+15550200002', number, 'anyone?');
    const fallback = Object.fromEntries(new URLSearchParams(app.requests[1].body));
    expect(fallback).toMatchObject({ ErrorCode: '11200', ErrorUrl: `${app.url}/broken`, Body: 'anyone?' });
    expect((await inbox('+15550200002')).map((message) => message.body)).toEqual(['anyone?', 'Sorry, try later']);
    await app.close();
  });

  it('treats an answer over 64 kB as a failed webhook and uses the fallback', async () => {
    const app = await farSide((request, response) => {
      response.setHeader('content-type', 'text/xml');
      if (request.url === '/huge') return void response.end(xml(`<Response><Message>${'x'.repeat(70_000)}</Message></Response>`));
      response.end(xml('<Response><Message>from the fallback</Message></Response>'));
    });
    await text('+15550200007', await buyNumber({ SmsUrl: `${app.url}/huge`, SmsFallbackUrl: `${app.url}/fallback` }), 'hi');
    expect((await inbox('+15550200007')).map((message) => message.body)).toEqual(['hi', 'from the fallback']);
    await app.close();
  });

  it('sends a text/plain answer back as it is, and skips what is not messaging TwiML', async () => {
    const plain = await farSide((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('plain reply'));
    await text('+15550200003', await buyNumber({ SmsUrl: plain.url }), 'hi');
    expect((await inbox('+15550200003')).map((message) => message.body)).toEqual(['hi', 'plain reply']);
    const mixed = await farSide((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/xml' }).end(xml('<Response><Say>not here</Say><Message>kept</Message></Response>')));
    await text('+15550200004', await buyNumber({ SmsUrl: mixed.url }), 'hi');
    expect((await inbox('+15550200004')).map((message) => message.body)).toEqual(['hi', 'kept']);
    await plain.close();
    await mixed.close();
  });

  it('posts signed status callbacks as a message moves from queued to sent to delivered', async () => {
    const callbacks = await farSide((_request, response) => response.writeHead(204).end());
    const number = await buyNumber();
    const created = await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/Messages.json`, {
      From: number, To: '+15550200005', Body: 'status please', StatusCallback: `${callbacks.url}/status`,
    });
    expect(created.body).toMatchObject({ status: 'queued', direction: 'outbound-api' });
    await server.context.network.idle();
    const posts = callbacks.requests.map((request) => Object.fromEntries(new URLSearchParams(request.body)));
    expect(posts.map((post) => post.MessageStatus)).toEqual(['sent', 'delivered']);
    expect(posts[0]).toMatchObject({ MessageSid: created.body.sid, To: '+15550200005', From: number, AccountSid: accountSid });
    expect(twilio.validateRequest(authToken, String(callbacks.requests[0].headers['x-twilio-signature']), `${callbacks.url}/status`, posts[0])).toBe(true);
    const fetched = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Messages/${created.body.sid}.json`);
    expect(fetched.body.status).toBe('delivered');
    await callbacks.close();
  });

  it('delivers a message from one platform number to another to the receiving app', async () => {
    const app = await farSide((_request, response) => response.writeHead(200, { 'content-type': 'text/xml' }).end(xml('<Response/>')));
    const receiver = await buyNumber({ SmsUrl: app.url });
    const sender = await buyNumber();
    await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/Messages.json`, { From: sender, To: receiver, Body: 'app to app' });
    await server.context.network.idle();
    expect(Object.fromEntries(new URLSearchParams(app.requests[0].body))).toMatchObject({ From: sender, To: receiver, Body: 'app to app' });
    await app.close();
  });

  it('takes a handset message as JSON too, and refuses numbers that are not on the network', async () => {
    const number = await buyNumber();
    const response = await fetch(`${server.url}/emulator/v1/Handsets/+15550200006/Messages`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ To: number, Body: 'json body' }),
    });
    expect(response.status).toBe(201);
    const unknown = await text('+15550200006', '+15559999999', 'hello?');
    expect(unknown).toMatchObject({ status: 400, body: { code: 21211, message: expect.stringContaining('+15559999999') } });
  });
});

describe('a Studio flow behind a number', () => {
  const survey = flowOf({ incomingMessage: 'ask' },
    widget('ask', 'send-and-wait-for-reply', { body: 'Rate us 1-5', timeout: '300' }, { incomingMessage: 'route', timeout: 'too_late' }),
    widget('route', 'split-based-on', { input: '{{widgets.ask.inbound.Body}}' }, [
      { event: 'noMatch', next: 'sorry' },
      { event: 'match', next: 'thanks', conditions: [{ friendly_name: 'good', arguments: ['{{widgets.ask.inbound.Body}}'], type: 'greater_than', value: '3' }] },
    ]),
    widget('thanks', 'send-message', { body: 'Thanks for the {{widgets.ask.inbound.Body}}!' }, { sent: undefined }),
    widget('sorry', 'send-message', { body: 'Sorry to hear that.' }, { sent: undefined }),
    widget('too_late', 'send-message', { body: 'No answer, no problem.' }, { sent: undefined }));

  let number: string;
  let flowSid: string;
  beforeAll(async () => {
    const flow = await api(server, 'POST', '/v2/Flows', { FriendlyName: 'survey', Status: 'published', Definition: JSON.stringify(survey) });
    flowSid = flow.body.sid;
    number = await buyNumber({ SmsUrl: flow.body.webhook_url });
  });

  it('holds a conversation: the reply resumes the waiting execution', async () => {
    await text('+15550300001', number, 'hi');
    await text('+15550300001', number, '5');
    expect((await inbox('+15550300001')).map((message) => [message.direction, message.body])).toEqual([
      ['inbound', 'hi'],
      ['outbound-api', 'Rate us 1-5'],
      ['inbound', '5'],
      ['outbound-api', 'Thanks for the 5!'],
    ]);
    const executions = await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`);
    expect(executions.body.executions).toHaveLength(1);
    expect(executions.body.executions[0]).toMatchObject({ status: 'ended', contact_channel_address: '+15550300001' });
  });

  it('fires the timeout when the virtual clock passes it, and not before', async () => {
    await text('+15550300002', number, 'hi');
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '299' });
    await server.context.network.idle();
    expect((await inbox('+15550300002')).map((message) => message.body)).toEqual(['hi', 'Rate us 1-5']);
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '1' });
    await server.context.network.idle();
    expect((await inbox('+15550300002')).map((message) => message.body)).toEqual(['hi', 'Rate us 1-5', 'No answer, no problem.']);
  });

  it('refuses webhook requests that are unsigned or wrongly signed with 403', async () => {
    const url = `${server.url}/v1/Accounts/${accountSid}/Flows/${flowSid}`;
    const params = { MessageSid: 'SM' + 'a'.repeat(32), From: '+15550300003', To: number, Body: 'forged', AccountSid: accountSid };
    const unsigned = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });
    expect(unsigned.status).toBe(403);
    const wrong = await fetch(url, { method: 'POST', headers: { ...signedHeaders(`${url}?other=1`, params) }, body: new URLSearchParams(params) });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ code: 89006, message: expect.stringContaining('does not match') });
    const signed = await fetch(url, { method: 'POST', headers: signedHeaders(url, params), body: new URLSearchParams(params) });
    expect(signed.status).toBe(200);
    expect(signed.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await signed.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });

  it('resumes the waiting execution, and starts a new one once it has ended', async () => {
    const slowFlow = flowOf({ incomingMessage: 'wait' },
      widget('wait', 'send-and-wait-for-reply', { body: 'Say something' }, { incomingMessage: undefined }));
    const flow = await api(server, 'POST', '/v2/Flows', { FriendlyName: 'slow', Status: 'published', Definition: JSON.stringify(slowFlow) });
    const slowNumber = await buyNumber({ SmsUrl: flow.body.webhook_url });
    await text('+15550300004', slowNumber, 'one');
    await text('+15550300004', slowNumber, 'two');
    await text('+15550300004', slowNumber, 'three');
    const executions = (await api(server, 'GET', `/v2/Flows/${flow.body.sid}/Executions`)).body.executions;
    // 'one' starts it, 'two' ends it, 'three' starts a new one.
    expect(executions.map((execution: { status: string }) => execution.status)).toEqual(['active', 'ended']);
  });
});
