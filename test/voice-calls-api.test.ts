import type { ServerResponse } from 'node:http';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { farSide, type RecordedRequest } from './support/far-side.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';
import { twilioClient } from './support/twilio-client.ts';

/**
 * The 2010-04-01 Calls, Recordings and Applications APIs, judged by the official `twilio`
 * package: calls placed through the REST API ring emulated handsets, run the TwiML a far-side app
 * serves, send signed status callbacks, and end with Twilio's statuses. Time moves only when the
 * virtual clock is advanced.
 */

/** The far-side TwiML app: documents keyed by path; status and recording callbacks just answer. */
const documents: Record<string, string | ((request: RecordedRequest) => string | Promise<string>)> = {};
function serve(request: RecordedRequest, response: ServerResponse) {
  const path = request.url.split('?')[0];
  if (path.startsWith('/status/') || path.startsWith('/rec/')) {
    response.writeHead(204).end();
    return;
  }
  const document = documents[path];
  if (document === undefined) {
    response.writeHead(404).end();
    return;
  }
  void Promise.resolve(typeof document === 'function' ? document(request) : document).then((text) => response.writeHead(200, { 'content-type': 'text/xml' }).end(text));
}

let server: RunningServer;
let app: Awaited<ReturnType<typeof farSide>>;
let client: twilio.Twilio;
const number = '+15550101000';
const otherNumber = '+15550101001';
const accounts = `/2010-04-01/Accounts/${accountSid}`;
/** Each test rings its own handset, so that answer modes and list filters do not mix. */
let handsetCount = 0;
const nextHandset = () => `+1555020${String(++handsetCount).padStart(4, '0')}`;

beforeAll(async () => {
  server = await testServer();
  app = await farSide(serve);
  client = twilioClient(server);
  await client.incomingPhoneNumbers.create({ phoneNumber: number });
  await client.incomingPhoneNumbers.create({ phoneNumber: otherNumber });
});
afterAll(async () => {
  await server?.close();
  await app?.close();
});

type CallEvent = { type: string; [field: string]: unknown };
const advance = async (seconds: number) => expect((await api(server, 'POST', '/emulator/v1/Clock', { Advance: String(seconds) })).status).toBe(200);
const emulated = async (sid: string) => (await api(server, 'GET', `/emulator/v1/Calls/${sid}`)).body as { status: string; waiting_for: string | null; events: CallEvent[]; answered_by: string | null };
const said = (events: CallEvent[]) => events.filter((event) => event.type === 'say').map((event) => event.text);
const handsetSettings = (address: string, form: Record<string, string>) => api(server, 'POST', `/emulator/v1/Handsets/${address}`, form);
/** The parameters a far-side request carried: the form body of a POST, the query of a GET. */
const paramsOf = (request: RecordedRequest) =>
  Object.fromEntries(request.method === 'GET' ? new URL(request.url, app.url).searchParams : new URLSearchParams(request.body));
const requestsTo = (path: string) => app.requests.filter((request) => request.url.split('?')[0] === path);
const signedByTwilio = (request: RecordedRequest) =>
  twilio.validateRequest(authToken, String(request.headers['x-twilio-signature']), `${app.url}${request.url}`, request.method === 'GET' ? {} : Object.fromEntries(new URLSearchParams(request.body)));
const rfc2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

/** The fields of a call resource in the API reference (§6.6), snake_case as Twilio sends them. */
const callFields = [
  'account_sid', 'answered_by', 'api_version', 'caller_name', 'date_created', 'date_updated', 'direction', 'duration', 'end_time',
  'forwarded_from', 'from', 'from_formatted', 'group_sid', 'parent_call_sid', 'phone_number_sid', 'price', 'price_unit', 'queue_time',
  'sid', 'start_time', 'status', 'subresource_uris', 'to', 'to_formatted', 'trunk_sid', 'uri',
];

describe('a call placed through the REST API', () => {
  it('is queued with Twilio field names, runs its TwiML once answered, and completes with times and a duration', async () => {
    const handset = nextHandset();
    documents['/hello'] = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello from the far side</Say><Pause length="4"/><Say>Goodbye</Say></Response>';
    const call = await client.calls.create({
      to: handset,
      from: number,
      url: `${app.url}/hello`,
      statusCallback: `${app.url}/status/lifecycle`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
      statusCallbackMethod: 'POST',
    });
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call).toMatchObject({
      status: 'queued',
      to: handset,
      from: number,
      direction: 'outbound-api',
      apiVersion: '2010-04-01',
      accountSid,
      parentCallSid: null,
      answeredBy: null,
      duration: null,
      uri: `${accounts}/Calls/${call.sid}.json`,
    });
    expect(call.toFormatted).toBe(`(555) 020-${handset.slice(-4)}`);
    expect(call.fromFormatted).toBe('(555) 010-1000');
    expect(call.dateCreated).toBeInstanceOf(Date);
    expect(call.subresourceUris).toMatchObject({ recordings: `${accounts}/Calls/${call.sid}/Recordings.json` });

    const raw = await api(server, 'GET', `${accounts}/Calls/${call.sid}.json`);
    expect(raw.status).toBe(200);
    expect(raw.contentType).toMatch(/^application\/json/);
    expect(Object.keys(raw.body)).toEqual(expect.arrayContaining(callFields));

    await advance(0);
    const first = requestsTo('/hello');
    expect(first).toHaveLength(1);
    expect(first[0].method).toBe('POST');
    expect(paramsOf(first[0])).toMatchObject({ CallSid: call.sid, AccountSid: accountSid, From: number, To: handset, Direction: 'outbound-api', CallStatus: 'in-progress', ApiVersion: '2010-04-01' });
    expect(signedByTwilio(first[0])).toBe(true);
    const running = await emulated(call.sid);
    expect(running.status).toBe('in-progress');
    expect(running.waiting_for).toBe('pause');
    expect(said(running.events)).toEqual(['Hello from the far side']);
    expect((await client.calls(call.sid).fetch()).status).toBe('in-progress');

    await advance(4);
    const done = await client.calls(call.sid).fetch();
    expect(done).toMatchObject({ status: 'completed', duration: '4' });
    expect(done.startTime).toBeInstanceOf(Date);
    expect(done.endTime).toBeInstanceOf(Date);
    expect(done.endTime.getTime() - done.startTime.getTime()).toBe(4000);
    const finished = await emulated(call.sid);
    expect(said(finished.events)).toEqual(['Hello from the far side', 'Goodbye']);
    expect(finished.waiting_for).toBeNull();
    expect(finished.events.map((event) => event.type)).toEqual(expect.arrayContaining(['ringing', 'answered', 'request', 'say', 'pause', 'hangup', 'status']));
  });

  it('sends signed status callbacks for initiated, ringing, answered and completed, numbered from 0', async () => {
    const callbacks = requestsTo('/status/lifecycle');
    expect(callbacks).toHaveLength(4);
    const byNumber = callbacks.map((request) => ({ request, params: paramsOf(request) })).sort((a, b) => Number(a.params.SequenceNumber) - Number(b.params.SequenceNumber));
    // Twilio does not promise the order they arrive in; SequenceNumber gives the order they were sent in.
    expect(byNumber.map(({ params }) => [params.SequenceNumber, params.CallStatus])).toEqual([
      ['0', 'initiated'],
      ['1', 'ringing'],
      ['2', 'in-progress'],
      ['3', 'completed'],
    ]);
    const times = byNumber.map(({ params }) => Date.parse(params.Timestamp));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const { request, params } of byNumber) {
      expect(request.method).toBe('POST');
      expect(params).toMatchObject({ CallbackSource: 'call-progress-events', AccountSid: accountSid, Direction: 'outbound-api', From: number, ApiVersion: '2010-04-01' });
      expect(params.Timestamp).toMatch(rfc2822);
      expect(params.CallSid).toMatch(/^CA[0-9a-f]{32}$/);
      expect(signedByTwilio(request)).toBe(true);
    }
    expect(byNumber.slice(0, 3).every(({ params }) => params.CallDuration === undefined)).toBe(true);
    expect(byNumber[3].params).toMatchObject({ CallDuration: '4', Duration: '1' });
  });

  it('sends only the completed callback when no StatusCallbackEvent is given, with GET when asked', async () => {
    const handset = nextHandset();
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>Hi</Say></Response>', statusCallback: `${app.url}/status/default`, statusCallbackMethod: 'GET' });
    await advance(0);
    const callbacks = requestsTo('/status/default');
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0].method).toBe('GET');
    expect(paramsOf(callbacks[0])).toMatchObject({ CallSid: call.sid, CallStatus: 'completed', SequenceNumber: '0', CallDuration: '0', CallbackSource: 'call-progress-events' });
    expect(signedByTwilio(callbacks[0])).toBe(true);
  });

  it('runs inline TwiML built with the package’s VoiceResponse', async () => {
    const handset = nextHandset();
    const response = new twilio.twiml.VoiceResponse();
    response.say({ voice: 'alice', language: 'en-GB' }, 'Inline hello');
    response.pause({ length: 2 });
    response.say('Inline goodbye');
    const call = await client.calls.create({ to: handset, from: number, twiml: response });
    expect(call.status).toBe('queued');
    await advance(0);
    const running = await emulated(call.sid);
    expect(running.waiting_for).toBe('pause');
    expect(running.events.find((event) => event.type === 'say')).toMatchObject({ text: 'Inline hello', voice: 'alice', language: 'en-GB' });
    await advance(2);
    const done = await client.calls(call.sid).fetch();
    expect(done).toMatchObject({ status: 'completed', duration: '2' });
    expect(said((await emulated(call.sid)).events)).toEqual(['Inline hello', 'Inline goodbye']);
  });

  it('requests its Url with GET when Method=GET, the parameters in the query string and signed', async () => {
    const handset = nextHandset();
    documents['/by-get'] = '<Response><Say>Fetched with GET</Say></Response>';
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/by-get`, method: 'GET' });
    await advance(0);
    const [request] = requestsTo('/by-get');
    expect(request.method).toBe('GET');
    expect(paramsOf(request)).toMatchObject({ CallSid: call.sid, To: handset, CallStatus: 'in-progress' });
    expect(twilio.validateRequest(authToken, String(request.headers['x-twilio-signature']), `${app.url}${request.url}`, {})).toBe(true);
    expect((await client.calls(call.sid).fetch()).status).toBe('completed');
  });

  it('uses an Application’s VoiceUrl and StatusCallback when given ApplicationSid', async () => {
    const handset = nextHandset();
    documents['/app-voice'] = '<Response><Say>Application speaking</Say></Response>';
    const application = await client.applications.create({ friendlyName: 'Outbound app', voiceUrl: `${app.url}/app-voice`, statusCallback: `${app.url}/status/app` });
    expect(application.sid).toMatch(/^AP[0-9a-f]{32}$/);
    const call = await client.calls.create({ to: handset, from: number, applicationSid: application.sid });
    expect(call.status).toBe('queued');
    await advance(0);
    const [request] = requestsTo('/app-voice');
    expect(paramsOf(request)).toMatchObject({ CallSid: call.sid, To: handset, From: number, Direction: 'outbound-api' });
    expect(signedByTwilio(request)).toBe(true);
    expect(said((await emulated(call.sid)).events)).toEqual(['Application speaking']);
    expect((await client.calls(call.sid).fetch()).status).toBe('completed');
    const callbacks = requestsTo('/status/app');
    expect(callbacks.map((callback) => paramsOf(callback).CallStatus)).toEqual(['completed']);
  });

  it('an Application with no VoiceUrl is 21205', async () => {
    const application = await client.applications.create({ friendlyName: 'No voice' });
    await expect(client.calls.create({ to: nextHandset(), from: number, applicationSid: application.sid })).rejects.toMatchObject({ status: 400, code: 21205 });
  });

  it('a browser client with no name cannot place a call', async () => {
    const application = await client.applications.create({ voiceUrl: `${app.url}/app-voice` });
    const placed = await api(server, 'POST', '/emulator/v1/Handsets/client:/Calls', { ApplicationSid: application.sid });
    expect(placed.status).toBe(400);
  });

  it('a browser client places a call through an Application, with its custom parameters', async () => {
    documents['/client-voice'] = (request) => `<Response><Say>Hello ${new URLSearchParams(request.body).get('Mood')}</Say></Response>`;
    const application = await client.applications.create({ voiceUrl: `${app.url}/client-voice` });
    const placed = await api(server, 'POST', '/emulator/v1/Handsets/client:alice/Calls', { ApplicationSid: application.sid, Mood: 'cheerful', To: '+15550209997' });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ from: 'client:alice', to: '+15550209997', direction: 'inbound', status: 'completed' });
    expect(said(placed.body.events)).toEqual(['Hello cheerful']);
    expect(paramsOf(requestsTo('/client-voice')[0])).toMatchObject({ From: 'client:alice', ApplicationSid: application.sid, Mood: 'cheerful' });
  });

  it('sends SendDigits once answered', async () => {
    const handset = nextHandset();
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>x</Say></Response>', sendDigits: 'ww1234#' });
    await advance(0);
    expect((await emulated(call.sid)).events.find((event) => event.type === 'digits-sent')).toMatchObject({ digits: 'ww1234#' });
  });
});

describe('calls that are not answered', () => {
  it('a busy handset gives busy, with no start time, and the completed callback says busy', async () => {
    const handset = nextHandset();
    const settings = await handsetSettings(handset, { AnswerMode: 'busy' });
    expect(settings.status).toBe(200);
    expect(settings.body).toEqual({ address: handset, answer_mode: 'busy', answer_delay: 0, answered_by: 'human' });
    expect((await api(server, 'GET', `/emulator/v1/Handsets/${handset}`)).body).toEqual(settings.body);
    documents['/never'] = '<Response><Say>never heard</Say></Response>';
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/never`, statusCallback: `${app.url}/status/busy` });
    await advance(0);
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched.status).toBe('busy');
    expect(fetched.startTime).toBeNull();
    expect(fetched.endTime).toBeInstanceOf(Date);
    expect(requestsTo('/never')).toHaveLength(0);
    const [callback] = requestsTo('/status/busy');
    expect(paramsOf(callback)).toMatchObject({ CallSid: call.sid, CallStatus: 'busy', CallDuration: '0', SipResponseCode: '486' });
    const listed = await client.calls.list({ status: 'busy' });
    expect(listed.map((item) => item.sid)).toContain(call.sid);
    expect(listed.every((item) => item.status === 'busy')).toBe(true);
  });

  it('a handset that does not answer gives no-answer once Timeout has passed on the clock', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnswerMode: 'no-answer' });
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>never heard</Say></Response>', timeout: 15, statusCallback: `${app.url}/status/no-answer` });
    await advance(0);
    expect((await client.calls(call.sid).fetch()).status).toBe('ringing');
    expect((await emulated(call.sid)).waiting_for).toBe('answer');
    await advance(14);
    expect((await client.calls(call.sid).fetch()).status).toBe('ringing');
    await advance(1);
    expect((await client.calls(call.sid).fetch()).status).toBe('no-answer');
    expect(paramsOf(requestsTo('/status/no-answer')[0])).toMatchObject({ CallStatus: 'no-answer', SipResponseCode: '487' });
    const listed = await client.calls.list({ status: 'no-answer' });
    expect(listed.map((item) => item.sid)).toEqual([call.sid]);
  });

  it('a handset that fails gives failed', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnswerMode: 'fail' });
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>x</Say></Response>' });
    await advance(0);
    expect((await client.calls(call.sid).fetch()).status).toBe('failed');
    expect((await client.calls.list({ status: 'failed' })).map((item) => item.sid)).toContain(call.sid);
  });

  it('an AnswerDelay longer than Timeout gives no-answer', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnswerDelay: '30' });
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>x</Say></Response>', timeout: 10 });
    await advance(30);
    expect((await client.calls(call.sid).fetch()).status).toBe('no-answer');
  });
});

describe('changing a live call', () => {
  it('Status=canceled on a ringing call cancels it', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnswerMode: 'manual' });
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>x</Say></Response>', statusCallback: `${app.url}/status/canceled` });
    await advance(0);
    expect((await client.calls(call.sid).fetch()).status).toBe('ringing');
    const canceled = await client.calls(call.sid).update({ status: 'canceled' });
    expect(canceled.status).toBe('canceled');
    expect((await client.calls(call.sid).fetch()).status).toBe('canceled');
    expect((await emulated(call.sid)).events.find((event) => event.type === 'hangup')).toMatchObject({ by: 'api' });
    expect(paramsOf(requestsTo('/status/canceled')[0])).toMatchObject({ CallStatus: 'canceled' });
  });

  it('Status=canceled leaves an in-progress call alone, as Twilio does', async () => {
    const handset = nextHandset();
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Pause length="60"/></Response>' });
    await advance(0);
    expect((await client.calls(call.sid).update({ status: 'canceled' })).status).toBe('in-progress');
    expect((await emulated(call.sid)).waiting_for).toBe('pause');
    await client.calls(call.sid).update({ status: 'completed' });
  });

  it('a manual handset answers through /Answer, and declines through /Reject', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnswerMode: 'manual' });
    const answered = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>You picked up</Say></Response>' });
    await advance(0);
    const afterAnswer = await api(server, 'POST', `/emulator/v1/Calls/${answered.sid}/Answer`);
    expect(afterAnswer.status).toBe(200);
    expect(afterAnswer.body.status).toBe('completed');
    expect(said(afterAnswer.body.events)).toEqual(['You picked up']);
    const declined = await client.calls.create({ to: handset, from: number, twiml: '<Response><Say>never heard</Say></Response>' });
    await advance(0);
    const afterReject = await api(server, 'POST', `/emulator/v1/Calls/${declined.sid}/Reject`);
    expect(afterReject.status).toBe(200);
    expect(afterReject.body.status).toBe('busy');
    expect(said(afterReject.body.events)).toEqual([]);
  });

  it('Status=completed hangs up an in-progress call', async () => {
    const handset = nextHandset();
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Pause length="60"/><Say>too late</Say></Response>' });
    await advance(0);
    await advance(7);
    expect((await client.calls(call.sid).fetch()).status).toBe('in-progress');
    const ended = await client.calls(call.sid).update({ status: 'completed' });
    expect(ended.status).toBe('completed');
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched).toMatchObject({ status: 'completed', duration: '7' });
    const events = (await emulated(call.sid)).events;
    expect(said(events)).toEqual([]);
    expect(events.find((event) => event.type === 'hangup')).toMatchObject({ by: 'api' });
  });

  it('the far end hanging up through /Hangup completes the call', async () => {
    const handset = nextHandset();
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Pause length="60"/></Response>' });
    await advance(0);
    const hungUp = await api(server, 'POST', `/emulator/v1/Calls/${call.sid}/Hangup`);
    expect(hungUp.status).toBe(200);
    expect(hungUp.body.status).toBe('completed');
    expect(hungUp.body.events.find((event: CallEvent) => event.type === 'hangup')).toMatchObject({ by: 'handset' });
  });

  it('Twiml on a call parked in a Gather redirects it there', async () => {
    const handset = nextHandset();
    documents['/menu'] = '<Response><Gather timeout="30" action="/menu-choice"><Say>Press a key</Say></Gather></Response>';
    documents['/menu-choice'] = '<Response><Say>chosen</Say></Response>';
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/menu` });
    await advance(0);
    expect((await emulated(call.sid)).waiting_for).toBe('gather');
    const updated = await client.calls(call.sid).update({ twiml: '<Response><Say>changed</Say></Response>' });
    expect(updated.sid).toBe(call.sid);
    const seen = await emulated(call.sid);
    expect(said(seen.events)).toEqual(['Press a key', 'changed']);
    expect(seen.events.find((event) => event.type === 'redirect')).toMatchObject({ by: 'api' });
    expect(seen.status).toBe('completed');
    expect(requestsTo('/menu-choice')).toHaveLength(0);
  });

  it('Url on a call parked in a Gather redirects it to that URL', async () => {
    const handset = nextHandset();
    documents['/menu2'] = '<Response><Gather timeout="30"><Say>Press another key</Say></Gather></Response>';
    documents['/moved'] = '<Response><Say>moved by url</Say><Pause length="3"/></Response>';
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/menu2` });
    await advance(0);
    await client.calls(call.sid).update({ url: `${app.url}/moved`, method: 'POST' });
    const [request] = requestsTo('/moved');
    expect(paramsOf(request)).toMatchObject({ CallSid: call.sid, CallStatus: 'in-progress' });
    expect(signedByTwilio(request)).toBe(true);
    const seen = await emulated(call.sid);
    expect(said(seen.events)).toEqual(['Press another key', 'moved by url']);
    expect(seen.waiting_for).toBe('pause');
    await advance(3);
    expect((await client.calls(call.sid).fetch()).status).toBe('completed');
  });

  it('Url on a ringing call is what it runs once answered', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnswerMode: 'manual' });
    documents['/before'] = '<Response><Say>the first url</Say></Response>';
    documents['/after'] = '<Response><Say>the second url</Say></Response>';
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/before` });
    await advance(0);
    await client.calls(call.sid).update({ url: `${app.url}/after` });
    await api(server, 'POST', `/emulator/v1/Calls/${call.sid}/Answer`);
    expect(requestsTo('/before')).toHaveLength(0);
    expect(said((await emulated(call.sid)).events)).toEqual(['the second url']);
  });

  it('a call that has ended cannot be redirected (21220), nor deleted while live, and can be deleted once ended', async () => {
    const handset = nextHandset();
    const live = await client.calls.create({ to: handset, from: number, twiml: '<Response><Pause length="60"/></Response>' });
    await advance(0);
    await expect(client.calls(live.sid).remove()).rejects.toMatchObject({ status: 400, code: 21220 });
    await client.calls(live.sid).update({ status: 'completed' });
    await expect(client.calls(live.sid).update({ url: `${app.url}/hello` })).rejects.toMatchObject({ status: 400, code: 21220 });
    await expect(client.calls(live.sid).update({ twiml: '<Response><Say>x</Say></Response>' })).rejects.toMatchObject({ status: 400, code: 21220 });
    expect((await client.calls(live.sid).fetch()).status).toBe('completed');
    expect(await client.calls(live.sid).remove()).toBe(true);
    await expect(client.calls(live.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});

describe('answering machine detection', () => {
  it('MachineDetection=Enable with a machine answering gives answered_by machine_start, sent with the first TwiML request', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnsweredBy: 'machine_start' });
    documents['/amd'] = '<Response><Say>Leave a message</Say></Response>';
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/amd`, machineDetection: 'Enable' });
    expect(call.answeredBy).toBeNull();
    await advance(0);
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched.answeredBy).toBe('machine_start');
    const [first] = requestsTo('/amd');
    expect(paramsOf(first)).toMatchObject({ CallSid: call.sid, AnsweredBy: 'machine_start' });
    expect(signedByTwilio(first)).toBe(true);
  });

  it('DetectMessageEnd waits for the beep, and a human answering is human', async () => {
    const machine = nextHandset();
    await handsetSettings(machine, { AnsweredBy: 'machine_start' });
    const human = nextHandset();
    const first = await client.calls.create({ to: machine, from: number, twiml: '<Response><Say>x</Say></Response>', machineDetection: 'DetectMessageEnd' });
    const second = await client.calls.create({ to: human, from: number, twiml: '<Response><Say>x</Say></Response>', machineDetection: 'Enable' });
    await advance(0);
    expect((await client.calls(first.sid).fetch()).answeredBy).toBe('machine_end_beep');
    expect((await client.calls(second.sid).fetch()).answeredBy).toBe('human');
  });

  it('without MachineDetection, answered_by stays null', async () => {
    const handset = nextHandset();
    await handsetSettings(handset, { AnsweredBy: 'fax' });
    documents['/no-amd'] = '<Response><Say>x</Say></Response>';
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/no-amd` });
    await advance(0);
    expect((await client.calls(call.sid).fetch()).answeredBy).toBeNull();
    expect(paramsOf(requestsTo('/no-amd')[0]).AnsweredBy).toBeUndefined();
  });
});

describe('listing calls', () => {
  let handset: string;
  const placed: string[] = [];

  beforeAll(async () => {
    handset = nextHandset();
    for (let index = 0; index < 5; index++) {
      placed.push((await client.calls.create({ to: handset, from: otherNumber, twiml: `<Response><Say>call ${index}</Say></Response>` })).sid);
    }
    await advance(0);
  });

  it('filters by To, newest first', async () => {
    const listed = await client.calls.list({ to: handset });
    expect(listed.map((call) => call.sid)).toEqual([...placed].reverse());
    expect(listed.every((call) => call.to === handset && call.status === 'completed')).toBe(true);
  });

  it('filters by From and by Status together', async () => {
    expect((await client.calls.list({ from: otherNumber, status: 'completed' })).map((call) => call.sid)).toEqual([...placed].reverse());
    expect(await client.calls.list({ from: otherNumber, status: 'busy' })).toEqual([]);
  });

  it('pages with pageSize, following next_page_uri', async () => {
    expect((await client.calls.list({ to: handset, pageSize: 2 })).map((call) => call.sid)).toEqual([...placed].reverse());
    expect((await client.calls.list({ to: handset, pageSize: 2, limit: 3 })).map((call) => call.sid)).toEqual([...placed].reverse().slice(0, 3));
    const first = await client.calls.page({ to: handset, pageSize: 2 });
    expect(first.instances.map((call) => call.sid)).toEqual([placed[4], placed[3]]);
    expect(first.nextPageUrl).toBeTruthy();
    const second = await first.nextPage();
    expect(second?.instances.map((call) => call.sid)).toEqual([placed[2], placed[1]]);
    const third = await second!.nextPage();
    expect(third?.instances.map((call) => call.sid)).toEqual([placed[0]]);
    expect(third?.nextPageUrl).toBeFalsy();
    const back = await third!.previousPage();
    expect(back?.instances.map((call) => call.sid)).toEqual([placed[2], placed[1]]);
  });

  it('the raw page has Twilio’s envelope', async () => {
    const page = await api(server, 'GET', `${accounts}/Calls.json?To=${encodeURIComponent(handset)}&PageSize=2`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
    expect(page.body.calls).toHaveLength(2);
    expect(page.body.uri).toMatch(/^\/2010-04-01\/Accounts\/AC1{32}\/Calls\.json\?/);
    expect(page.body.first_page_uri).toContain('PageSize=2');
    expect(page.body.next_page_uri).toContain('Page=1');
    expect(page.body.next_page_uri).toContain(`To=${encodeURIComponent(handset)}`);
  });

  it('filters by ParentCallSid: the legs a <Dial> made', async () => {
    const caller = nextHandset();
    const busy = nextHandset();
    const unanswered = nextHandset();
    await handsetSettings(busy, { AnswerMode: 'busy' });
    await handsetSettings(unanswered, { AnswerMode: 'no-answer' });
    documents['/dial'] = `<Response><Dial timeout="5" action="/dialled"><Number>${busy}</Number><Number>${unanswered}</Number></Dial></Response>`;
    documents['/dialled'] = (request) => `<Response><Say>Dial said ${new URLSearchParams(request.body).get('DialCallStatus')}</Say></Response>`;
    const parent = await client.calls.create({ to: caller, from: number, url: `${app.url}/dial` });
    await advance(0);
    await advance(5);
    const children = await client.calls.list({ parentCallSid: parent.sid });
    expect(children.map((child) => [child.to, child.status, child.direction, child.parentCallSid]).sort()).toEqual([
      [busy, 'busy', 'outbound-dial', parent.sid],
      [unanswered, 'no-answer', 'outbound-dial', parent.sid],
    ]);
    expect((await client.calls(parent.sid).fetch()).status).toBe('completed');
    expect(said((await emulated(parent.sid)).events)).toEqual(['Dial said no-answer']);
  });

  it('filters by EndTime', async () => {
    expect(await client.calls.list({ to: handset, endTime: new Date('2001-01-01T00:00:00Z') })).toEqual([]);
  });

  it('filters by StartTime', async () => {
    expect(await client.calls.list({ to: handset, startTimeBefore: new Date('2001-01-01T00:00:00Z') })).toEqual([]);
    expect(await client.calls.list({ to: handset, startTimeAfter: new Date('2001-01-01T00:00:00Z') })).toHaveLength(5);
  });
});

describe('recordings', () => {
  let callSid: string;
  let recordingSid: string;
  let heardByAction = '';

  beforeAll(async () => {
    const handset = nextHandset();
    documents['/record'] = '<Response><Say>Speak after the beep</Say><Record action="/done" recordingStatusCallback="/rec/status"/></Response>';
    // The app fetches the recording while answering the action, as apps that store recordings do.
    documents['/done'] = async (request) => {
      const media = await fetch(new URLSearchParams(request.body).get('RecordingUrl') ?? '');
      heardByAction = `${media.status} ${await media.text()}`;
      return '<Response><Say>Thanks</Say></Response>';
    };
    const call = await client.calls.create({ to: handset, from: number, url: `${app.url}/record` });
    callSid = call.sid;
    await advance(0);
    expect((await emulated(callSid)).waiting_for).toBe('record');
    const recorded = await api(server, 'POST', `/emulator/v1/Calls/${callSid}/Input`, { Recording: 'hello there', RecordingSeconds: '4' });
    expect(recorded.status).toBe(200);
    expect(recorded.body.status).toBe('completed');
    expect(said(recorded.body.events)).toEqual(['Speak after the beep', 'Thanks']);
    expect(recorded.body.events.find((event: CallEvent) => event.type === 'recorded')).toMatchObject({ text: 'hello there', seconds: 4 });
    recordingSid = (recorded.body.events.find((event: CallEvent) => event.type === 'recording') as { recordingSid: string }).recordingSid;
  });

  it('lists and fetches the recording through the package', async () => {
    const listed = await client.recordings.list();
    const mine = listed.filter((recording) => recording.callSid === callSid);
    expect(mine).toHaveLength(1);
    expect(mine[0].sid).toBe(recordingSid);
    expect(recordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    const fetched = await client.recordings(recordingSid).fetch();
    expect(fetched).toMatchObject({ sid: recordingSid, callSid, accountSid, duration: '4', status: 'completed', source: 'RecordVerb', uri: `${accounts}/Recordings/${recordingSid}.json` });
    expect(fetched.dateCreated).toBeInstanceOf(Date);
    expect((await client.calls(callSid).recordings.list()).map((recording) => recording.sid)).toEqual([recordingSid]);
  });

  it('serves the media without credentials: the text the handset sent', async () => {
    const fetched = await client.recordings(recordingSid).fetch();
    expect(fetched.mediaUrl).toBe(`${server.url}${accounts}/Recordings/${recordingSid}`);
    for (const url of [fetched.mediaUrl, `${fetched.mediaUrl}.wav`, `${fetched.mediaUrl}.mp3`]) {
      const media = await fetch(url);
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await media.text()).toBe('hello there');
    }
  });

  it('the action got RecordingUrl, RecordingDuration and RecordingSid, and the status callback RecordingStatus=completed', async () => {
    const [done] = requestsTo('/done');
    expect(paramsOf(done)).toMatchObject({
      CallSid: callSid,
      RecordingUrl: `${server.url}${accounts}/Recordings/${recordingSid}`,
      RecordingDuration: '4',
      RecordingSid: recordingSid,
    });
    expect(signedByTwilio(done)).toBe(true);
    expect(heardByAction).toBe('200 hello there');
    const [status] = requestsTo('/rec/status');
    expect(paramsOf(status)).toMatchObject({
      AccountSid: accountSid,
      CallSid: callSid,
      RecordingSid: recordingSid,
      RecordingStatus: 'completed',
      RecordingDuration: '4',
      RecordingUrl: `${server.url}${accounts}/Recordings/${recordingSid}`,
      RecordingSource: 'RecordVerb',
    });
    expect(signedByTwilio(status)).toBe(true);
  });

  it('filters the account’s recordings by CallSid', async () => {
    const other = await client.calls.create({ to: nextHandset(), from: number, twiml: '<Response><Record/></Response>' });
    await advance(0);
    await api(server, 'POST', `/emulator/v1/Calls/${other.sid}/Input`, { Recording: 'someone else' });
    expect((await client.recordings.list({ callSid })).map((recording) => recording.sid)).toEqual([recordingSid]);
  });

  it('removes the recording, after which it and its media are gone', async () => {
    expect(await client.recordings(recordingSid).remove()).toBe(true);
    await expect(client.recordings(recordingSid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    expect((await fetch(`${server.url}${accounts}/Recordings/${recordingSid}`)).status).toBe(404);
    expect((await client.recordings.list()).map((recording) => recording.sid)).not.toContain(recordingSid);
    await expect(client.recordings(recordingSid).remove()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('Record=true records the whole call and puts RecordingUrl in the completed callback', async () => {
    const handset = nextHandset();
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Pause length="6"/></Response>', record: true, statusCallback: `${app.url}/status/recorded` });
    await advance(0);
    await advance(6);
    const recordings = await client.calls(call.sid).recordings.list();
    expect(recordings).toHaveLength(1);
    expect(recordings[0]).toMatchObject({ duration: '6', source: 'OutboundAPI', callSid: call.sid });
    expect(paramsOf(requestsTo('/status/recorded')[0])).toMatchObject({ CallStatus: 'completed', RecordingUrl: `${server.url}${accounts}/Recordings/${recordings[0].sid}` });
  });
});

describe('errors, with Twilio’s codes, through the package', () => {
  const url = 'http://127.0.0.1:9/unused';
  const to = '+15550209999';
  type CreateOptions = Parameters<twilio.Twilio['calls']['create']>[0];
  const create = (options: Partial<CreateOptions>) => client.calls.create({ to, from: number, url, ...options } as CreateOptions);

  it.each<[string, Partial<CreateOptions>, number, number, string | undefined]>([
    ['To empty', { to: '' }, 400, 21201, undefined],
    ['From empty', { from: '' }, 400, 21213, undefined],
    ['To not E.164', { to: 'abc' }, 400, 21211, 'abc'],
    ['To too short to be a number', { to: '+1555' }, 400, 21211, '+1555'],
    ['To a client with no name', { to: 'client:' }, 400, 21211, 'client:'],
    ['From not a number of the account', { from: '+15559999999' }, 400, 21212, 'From'],
    ['From not a number at all', { from: 'nobody' }, 400, 21212, 'From'],
    ['no Url, Twiml or ApplicationSid', { url: undefined }, 400, 21205, undefined],
    ['an unknown ApplicationSid', { url: undefined, applicationSid: 'AP' + '0'.repeat(32) }, 400, 21218, 'ApplicationSid'],
    ['StatusCallbackEvent with a bad value', { statusCallback: url, statusCallbackEvent: ['initiated', 'hungup'] }, 400, 21626, 'hungup'],
    ['StatusCallbackEvent space-joined', { statusCallback: url, statusCallbackEvent: ['initiated ringing'] }, 400, 21626, 'initiated ringing'],
    ['Timeout=0', { timeout: 0 }, 400, 20001, 'Timeout'],
    ['Timeout=601', { timeout: 601 }, 400, 20001, 'Timeout'],
    ['Timeout=abc', { timeout: 'abc' as unknown as number }, 400, 20001, 'Timeout'],
    ['Timeout=1.5', { timeout: 1.5 }, 400, 20001, 'Timeout'],
    ['MachineDetection=Maybe', { machineDetection: 'Maybe' }, 400, 20001, 'MachineDetection'],
    ['Method=PUT', { method: 'PUT' }, 400, 20001, 'Method'],
    ['StatusCallbackMethod=DELETE', { statusCallback: url, statusCallbackMethod: 'DELETE' }, 400, 20001, 'StatusCallbackMethod'],
    ['StatusCallback not a URL', { statusCallback: 'call me maybe' }, 400, 20001, 'StatusCallback'],
    ['SendDigits with letters', { sendDigits: 'hello' }, 400, 20001, 'SendDigits'],
    ['Twiml of 4,001 characters and no Url', { url: undefined, twiml: `<Response><Say>${'x'.repeat(3980)}</Say></Response>` }, 400, 20001, 'Twiml'],
  ])('%s', async (_, options, status, code, names) => {
    const error = await create(options).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status, code, moreInfo: `https://www.twilio.com/docs/errors/${code}` });
    if (names) expect((error as Error).message).toContain(names);
  });

  it('a Url that is not a URL is 21205', async () => {
    await expect(create({ url: 'not a url' })).rejects.toMatchObject({ status: 400, code: 21205 });
  });

  it('From a client with no name is 21212', async () => {
    await expect(create({ from: 'client:', to: '+15550209998' })).rejects.toMatchObject({ status: 400, code: 21212 });
  });

  it('From a client to a phone number is refused', async () => {
    await expect(create({ from: 'client:alice', to: '+15550209998' })).rejects.toMatchObject({ status: 400 });
  });

  it('To and From missing from the form entirely are 21201 and 21213', async () => {
    const missingTo = await api(server, 'POST', `${accounts}/Calls.json`, { From: number, Url: url });
    expect(missingTo.body).toMatchObject({ status: 400, code: 21201 });
    const missingFrom = await api(server, 'POST', `${accounts}/Calls.json`, { To: to, Url: url });
    expect(missingFrom.body).toMatchObject({ status: 400, code: 21213 });
  });

  it('a call SID nobody made is 20404 for fetch, update and remove', async () => {
    const unknown = 'CA' + '0'.repeat(32);
    await expect(client.calls(unknown).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.calls(unknown).update({ status: 'completed' })).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.calls(unknown).remove()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(client.recordings('RE' + '0'.repeat(32)).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('update refuses a bad Status, and Url with Twiml', async () => {
    const handset = nextHandset();
    const call = await client.calls.create({ to: handset, from: number, twiml: '<Response><Pause length="60"/></Response>' });
    await advance(0);
    await expect(client.calls(call.sid).update({ status: 'ringing' as 'completed' })).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(client.calls(call.sid).update({ url, twiml: '<Response/>' })).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(client.calls(call.sid).update({ url: 'ftp://nowhere' })).rejects.toMatchObject({ status: 400 });
    expect((await client.calls(call.sid).fetch()).status).toBe('in-progress');
    expect((await emulated(call.sid)).waiting_for).toBe('pause');
    await client.calls(call.sid).update({ status: 'completed' });
  });

  it('wrong credentials are 20003', async () => {
    const wrong = twilioClient(server, accountSid, '0'.repeat(32));
    await expect(wrong.calls.list()).rejects.toMatchObject({ status: 401, code: 20003 });
    await expect(wrong.calls.create({ to, from: number, url })).rejects.toMatchObject({ status: 401, code: 20003 });
    await expect(wrong.recordings.list()).rejects.toMatchObject({ status: 401, code: 20003 });
  });

  it('no call was created by any of the refused requests', async () => {
    expect(await client.calls.list({ to })).toEqual([]);
  });
});

