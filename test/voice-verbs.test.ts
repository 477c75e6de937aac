import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { RunningServer } from '../src/server/server.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, testServer } from './support/test-server.ts';
import { buyNumber, emulator, twimlDocuments, type Emulator } from './support/voice-harness.ts';

/** The TwiML verbs beyond the basics, each through handsets against an app on loopback. */
const { documents, serve } = twimlDocuments();

let server: RunningServer;
let network: Emulator;
let app: Awaited<ReturnType<typeof farSide>>;
const accounts = `/2010-04-01/Accounts/${accountSid}`;
let nextNumber = 1000;

/** A fresh platform number whose VoiceUrl is `path` on the app (plus any other number settings). */
const numberFor = (path: string, settings: Record<string, string> = {}) => buyNumber(server, `+1555020${nextNumber++}`, { VoiceUrl: `${app.url}${path}`, ...settings });
/** A handset (by default +15550300000) calls `to`. */
const call = (to: string, from = '+15550300000') => network.call(from, to);
const eventsOf = (body: { events: Array<Record<string, unknown>> }, type: string) => body.events.filter((event) => event.type === type);
const paramsOf = (path: string) => app.requests.filter((request) => request.url.split('?')[0] === path).map((request) => Object.fromEntries(new URLSearchParams(request.body)));

beforeAll(async () => {
  server = await testServer();
  network = emulator(server);
  app = await farSide(serve);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

describe('queues', () => {
  it('a caller waits in a queue hearing the wait music until an agent dials the queue; both ends are told', async () => {
    documents['/queue-in'] = '<Response><Enqueue waitUrl="/hold" action="/queue-done">support</Enqueue></Response>';
    documents['/hold'] = (request) => `<Response><Say>You are number ${new URLSearchParams(request.body).get('QueuePosition')} in line</Say><Pause length="20"/></Response>`;
    documents['/queue-done'] = '<Response><Say>Thanks for waiting</Say></Response>';
    documents['/agent'] = '<Response><Dial action="/agent-done"><Queue url="/whisper">support</Queue></Dial></Response>';
    documents['/whisper'] = '<Response><Say>Connecting you to an agent</Say></Response>';
    documents['/agent-done'] = '<Response><Hangup/></Response>';
    const waiting = await call(await numberFor('/queue-in'));
    expect(waiting.waiting_for).toBe('pause');
    expect(eventsOf(waiting, 'say')[0].text).toBe('You are number 1 in line');
    await network.advance(20);
    expect(eventsOf(await network.fetchCall(waiting.sid), 'say')).toHaveLength(2);

    const agent = await call(await numberFor('/agent'), '+15550300001');
    expect(agent.waiting_for).toBe('bridge');
    const caller = await network.fetchCall(waiting.sid);
    expect(caller.waiting_for).toBe('bridge');
    expect(eventsOf(caller, 'say').at(-1)?.text).toBe('Connecting you to an agent');
    expect(paramsOf('/whisper')[0]).toMatchObject({ DequeingCallSid: agent.sid, QueueTime: '20' });

    await network.hangup(agent.sid);
    const after = await network.fetchCall(waiting.sid);
    expect(eventsOf(after, 'say').at(-1)?.text).toBe('Thanks for waiting');
    expect(paramsOf('/queue-done')[0]).toMatchObject({ QueueResult: 'bridged' });
    expect(after.status).toBe('completed');
  });

  it('<Leave> in the wait music takes the caller out of the queue to the action', async () => {
    documents['/queue-leave'] = '<Response><Enqueue waitUrl="/leave" action="/left">sales</Enqueue></Response>';
    documents['/leave'] = '<Response><Say>Nobody is here</Say><Leave/></Response>';
    documents['/left'] = '<Response><Say>Leave a message instead</Say></Response>';
    const placed = await call(await numberFor('/queue-leave'));
    expect(placed.status).toBe('completed');
    expect(paramsOf('/left')[0]).toMatchObject({ QueueResult: 'leave' });
  });

  it('a <Dial><Queue> on an empty queue waits for the timeout and reports no-answer', async () => {
    documents['/empty-queue'] = '<Response><Dial timeout="10" action="/empty-done"><Queue>nobody</Queue></Dial></Response>';
    documents['/empty-done'] = '<Response/>';
    const placed = await call(await numberFor('/empty-queue'));
    expect(placed.waiting_for).toBe('dial');
    await network.advance(10);
    expect(paramsOf('/empty-done')[0]).toMatchObject({ DialCallStatus: 'no-answer' });
  });
});

describe('hanging up', () => {
  it('after speaking into a <Record>: the recording is kept and the action hears Digits=hangup', async () => {
    documents['/record-hangup'] = '<Response><Record action="/recorded-then-gone"/></Response>';
    documents['/recorded-then-gone'] = '<Response/>';
    const placed = await call(await numberFor('/record-hangup'));
    const done = await network.input(placed.sid, { Recording: 'call me back', RecordingSeconds: '3', Hangup: 'true' });
    expect(done.status).toBe('completed');
    expect(paramsOf('/recorded-then-gone')[0]).toMatchObject({ Digits: 'hangup', RecordingDuration: '3', CallStatus: 'completed' });
  });

  it('while waiting in a queue: the Enqueue action hears QueueResult=hangup', async () => {
    documents['/queue-hangup'] = '<Response><Enqueue action="/gone-from-queue">patience</Enqueue></Response>';
    documents['/gone-from-queue'] = '<Response/>';
    const placed = await call(await numberFor('/queue-hangup'));
    expect(placed.waiting_for).toBe('queue');
    await network.hangup(placed.sid);
    expect(paramsOf('/gone-from-queue')[0]).toMatchObject({ QueueResult: 'hangup', CallStatus: 'completed' });
  });
});

describe('conferences', () => {
  it('two callers meet; the moderator leaving ends it for the other, who goes on to the action', async () => {
    documents['/moderator'] = '<Response><Dial><Conference endConferenceOnExit="true">standup</Conference></Dial></Response>';
    documents['/member'] = '<Response><Dial action="/member-done"><Conference startConferenceOnEnter="false">standup</Conference></Dial></Response>';
    documents['/member-done'] = '<Response><Say>The meeting is over</Say></Response>';
    const member = await call(await numberFor('/member'), '+15550300002');
    expect(member.waiting_for).toBe('conference');
    expect(eventsOf(member, 'conference-wait')).toHaveLength(1);
    const moderator = await call(await numberFor('/moderator'), '+15550300003');
    expect(eventsOf(await network.fetchCall(member.sid), 'conference-start')).toHaveLength(1);
    await network.hangup(moderator.sid);
    const after = await network.fetchCall(member.sid);
    expect(eventsOf(after, 'say').at(-1)?.text).toBe('The meeting is over');
    expect(paramsOf('/member-done')[0]).toMatchObject({ DialCallStatus: 'answered' });
  });
});

describe('<Pay>', () => {
  it('a test card is charged, and the action hears the masked card', async () => {
    documents['/pay'] = '<Response><Pay chargeAmount="10.00" action="/paid"/></Response>';
    documents['/paid'] = '<Response/>';
    const placed = await call(await numberFor('/pay'));
    expect(placed.waiting_for).toBe('pay');
    for (const digits of ['4242424242424242#', '1230#', '123#', '94105#']) await network.input(placed.sid, { Digits: digits });
    const paid = paramsOf('/paid')[0];
    expect(paid).toMatchObject({ Result: 'success', PaymentCardType: 'visa' });
    expect(paid.PaymentCardNumber).toMatch(/4242$/);
    expect(paid.PaymentCardNumber).not.toContain('424242424242');
  });

  it('another card is declined by the test connector, and * abandons a payment', async () => {
    documents['/pay2'] = '<Response><Pay chargeAmount="5" action="/paid2" postalCode="false"/></Response>';
    documents['/paid2'] = '<Response/>';
    const declined = await call(await numberFor('/pay2'));
    for (const digits of ['4000000000000002#', '1230#', '321#']) await network.input(declined.sid, { Digits: digits });
    expect(paramsOf('/paid2')[0].Result).toBe('payment-connector-error');
    const abandoned = await call(await numberFor('/pay2'));
    await network.input(abandoned.sid, { Digits: '4242*' });
    expect(paramsOf('/paid2')[1].Result).toBe('caller-interrupted-with-star');
  });
});

describe('<Start><Stream> and <Connect><Stream>', () => {
  it('a stream receives connected, start, media, dtmf and stop; the call waits for a Connect stream to close', async () => {
    const received: Array<Record<string, unknown>> = [];
    const sockets = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => sockets.once('listening', resolve));
    const wsUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/media`;
    sockets.on('connection', (socket) => socket.on('message', (data) => received.push(JSON.parse(String(data)))));
    documents['/stream'] = `<Response><Connect action="/streamed"><Stream url="${wsUrl}"><Parameter name="agent" value="bot"/></Stream></Connect></Response>`;
    documents['/streamed'] = '<Response><Say>Stream over</Say></Response>';
    const placed = await call(await numberFor('/stream'));
    expect(placed.waiting_for).toBe('stream');
    await network.input(placed.sid, { Digits: '7' });
    await waitFor(() => received.some((message) => message.event === 'dtmf'));
    for (const socket of sockets.clients) socket.close();
    await waitFor(async () => (await network.fetchCall(placed.sid)).status === 'completed');
    expect(received.map((message) => message.event).slice(0, 3)).toEqual(['connected', 'start', 'media']);
    expect(received.find((message) => message.event === 'start')).toMatchObject({ start: { callSid: placed.sid, customParameters: { agent: 'bot' } } });
    expect(received.find((message) => message.event === 'dtmf')).toMatchObject({ dtmf: { digit: '7' } });
    expect(eventsOf(await network.fetchCall(placed.sid), 'say').at(-1)?.text).toBe('Stream over');
    await new Promise((resolve) => sockets.close(resolve));
  });
});

describe('failures', () => {
  it('a VoiceUrl that fails goes to the fallback with ErrorCode and ErrorUrl', async () => {
    documents['/fallback'] = '<Response><Say>Fallback speaking</Say></Response>';
    const placed = await call(await numberFor('/missing', { VoiceFallbackUrl: `${app.url}/fallback` }));
    expect(eventsOf(placed, 'say')[0].text).toBe('Fallback speaking');
    expect(eventsOf(placed, 'error')[0]).toMatchObject({ code: 11200 });
    expect(paramsOf('/fallback')[0]).toMatchObject({ ErrorCode: '11200', ErrorUrl: `${app.url}/missing` });
  });

  it('TwiML that is not XML ends the call with 12100 and the application-error message', async () => {
    documents['/broken'] = '<Response><Say>unclosed';
    const placed = await call(await numberFor('/broken'));
    expect(placed.status).toBe('completed');
    expect(eventsOf(placed, 'error')[0]).toMatchObject({ code: 12100 });
    expect(eventsOf(placed, 'say')[0].text).toMatch(/application error/);
  });

  it('a schema problem is a warning; the verbs still run', async () => {
    documents['/warned'] = '<Response><Say loop="lots">Still said</Say><Gather><Dial>+15550000000</Dial></Gather></Response>';
    const placed = await call(await numberFor('/warned'));
    expect(eventsOf(placed, 'warning').map((event) => event.code)).toEqual(expect.arrayContaining([13510, 13320]));
    expect(eventsOf(placed, 'say')[0].text).toBe('Still said');
  });

  it('<Reject reason="busy"> leaves the call unanswered and busy', async () => {
    documents['/reject'] = '<Response><Reject reason="busy"/></Response>';
    const placed = await call(await numberFor('/reject'));
    expect(placed.status).toBe('busy');
    expect(placed.start_time).toBeNull();
  });

  it('documents that redirect to each other forever without waiting are stopped', async () => {
    documents['/spin'] = '<Response><Say>again</Say><Redirect>/spin</Redirect></Response>';
    const placed = await call(await numberFor('/spin'));
    expect(placed.status).toBe('completed');
    expect(eventsOf(placed, 'error').at(-1)).toMatchObject({ code: 89010 });
  });
});

describe('calling a platform number', () => {
  it('a <Dial> to another platform number arrives there as an inbound call running its VoiceUrl, and each end ends the other', async () => {
    documents['/reception'] = '<Response><Gather numDigits="1"><Say>Reception here</Say></Gather></Response>';
    const reception = await numberFor('/reception');
    documents['/transfer'] = `<Response><Dial action="/transferred">${reception}</Dial></Response>`;
    documents['/transferred'] = '<Response><Say>Transfer over</Say></Response>';
    const caller = await call(await numberFor('/transfer'));
    expect(caller.waiting_for).toBe('bridge');
    const inbound = (await api(server, 'GET', `${accounts}/Calls.json?To=${encodeURIComponent(reception)}&Status=in-progress`)).body.calls;
    const far = inbound.find((leg: { direction: string }) => leg.direction === 'inbound');
    expect(far.from).toBe('+15550300000');
    expect(eventsOf(await network.fetchCall(far.sid), 'say')[0].text).toBe('Reception here');
    await network.hangup(far.sid);
    const after = await network.fetchCall(caller.sid);
    expect(eventsOf(after, 'say').at(-1)?.text).toBe('Transfer over');
    expect(paramsOf('/transferred')[0]).toMatchObject({ DialCallStatus: 'completed', DialBridged: 'true' });
  });

  it('a REST call to a platform number that rejects it ends busy', async () => {
    documents['/busy-line'] = '<Response><Reject reason="busy"/></Response>';
    const busyLine = await numberFor('/busy-line');
    const from = await numberFor('/busy-line');
    const created = await api(server, 'POST', `${accounts}/Calls.json`, { To: busyLine, From: from, Twiml: '<Response><Say>hello</Say></Response>' });
    await network.advance(0);
    expect((await api(server, 'GET', `${accounts}/Calls/${created.body.sid}.json`)).body.status).toBe('busy');
  });
});

describe('<Sms> in a call', () => {
  it('texts the caller from the called number', async () => {
    documents['/sms'] = '<Response><Sms>Your code is 1234</Sms><Say>Sent</Say></Response>';
    const desk = await numberFor('/sms');
    const placed = await call(desk, '+15550300009');
    expect(eventsOf(placed, 'sms')[0]).toMatchObject({ to: '+15550300009', from: desk, body: 'Your code is 1234' });
    await network.advance(0);
    const inbox = await api(server, 'GET', '/emulator/v1/Handsets/+15550300009/Messages');
    expect(inbox.body.messages.map((message: { body: string; direction: string }) => [message.body, message.direction])).toContainEqual(['Your code is 1234', 'outbound-call']);
  });
});

describe('the live event stream', () => {
  it('carries call changes and call events', async () => {
    documents['/sse'] = '<Response><Say>Streamed event</Say></Response>';
    const desk = await numberFor('/sse');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/emulator/v1/Events`, {
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${'f'.repeat(32)}`).toString('base64')}` },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await call(desk);
    let text = '';
    while (!text.includes('Streamed event')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: call\n');
    expect(text).toContain('event: call-event\n');
    controller.abort();
  });
});

/** Polls a condition that depends on another process's socket (not on our clock). */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
    await network.advance(0);
  }
  throw new Error('the condition never came true');
}
