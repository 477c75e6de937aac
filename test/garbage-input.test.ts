import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { accountSid, api, authToken, signedHeaders, testServer } from './support/test-server.ts';

/**
 * Garbage against every route of one real server: each request gets a clear Twilio error
 * (`{code, message, more_info, status}`, never a 500, naming the parameter at fault), and the
 * flow, number and execution stored before it all are still there, unchanged, afterwards.
 */

type Form = Record<string, string | string[]>;

interface GarbageCase {
  what: string;
  method: string;
  /**
   * `{AC}`, `{FW}`, `{FN}`, `{ST}`, `{PN}` and `{SM}` become the account and the seeded SIDs; `{CA}`
   * an ended call, `{RE}` its recording, and `{LIVE}` a call waiting in a <Gather>.
   */
  path: string;
  form?: Form;
  /** A raw body; `contentType` says what it claims to be. */
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** The Authorization header; undefined sends the account's own credentials, null none at all. */
  auth?: string | null;
  /** Extra headers, given the full URL and the form as the server will read it. */
  headers?: (url: string, params: Record<string, string>) => Record<string, string>;
  status: number;
  code?: number;
  /** Text the error message must contain: the parameter at fault, where one is. */
  names?: string;
}

const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;
const otherAccount = 'AC' + '2'.repeat(32);
const platformNumber = '+15550001111';
const handset = '+15550002222';
const unknownFlow = 'FW' + '0'.repeat(32);
const unknownExecution = 'FN' + '0'.repeat(32);
const unknownStep = 'ST' + '0'.repeat(32);
const unknownNumber = 'PN' + '0'.repeat(32);
const unknownMessage = 'SM' + '0'.repeat(32);
const accounts = `/2010-04-01/Accounts/{AC}`;
const execution = '/v2/Flows/{FW}/Executions/{FN}';
const definition = flowOf(
  { incomingRequest: 'greet', incomingMessage: 'greet' },
  widget('greet', 'send-message', { body: 'Hello {{contact.channel.address}}' }),
);
const definitionText = JSON.stringify(definition);
const deepJson = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const deepDefinition = definitionText.replace('"description":"test flow"', `"description":"test flow","notes":${deepJson(5000)}`);
const sixMegabytes = 'x'.repeat(6 * 1024 * 1024);
const binary = Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256);
const long = (length: number) => 'ü'.repeat(length);

let server: RunningServer;
const seeded: Record<'FW' | 'FN' | 'ST' | 'PN' | 'SM' | 'CA' | 'RE' | 'LIVE', string> = { FW: '', FN: '', ST: '', PN: '', SM: '', CA: '', RE: '', LIVE: '' };
const created: Record<string, unknown> = {};

function fill(path: string): string {
  return path.replace(/\{(AC|FW|FN|ST|PN|SM|CA|RE|LIVE)\}/g, (_, key: string) => (key === 'AC' ? accountSid : seeded[key as keyof typeof seeded]));
}

function formText(form: Form): string {
  return new URLSearchParams(Object.entries(form).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item) => [key, item]))).toString();
}

/** The form as the server reads it: a repeated field keeps its last value. */
function lastValues(form: Form = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(form).map(([key, value]) => [key, Array.isArray(value) ? value.at(-1)! : value]));
}

async function send(request: GarbageCase) {
  const url = server.url + fill(request.path);
  const headers: Record<string, string> = {};
  const auth = request.auth === undefined ? basic(`${accountSid}:${authToken}`) : request.auth;
  if (auth !== null) headers.authorization = auth;
  let body: string | Uint8Array<ArrayBuffer> | undefined = request.body;
  if (request.form) {
    body = formText(request.form);
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (request.contentType) headers['content-type'] = request.contentType;
  Object.assign(headers, request.headers?.(url, lastValues(request.form)));
  const response = await fetch(url, { method: request.method, headers, body });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

/** Twilio's error JSON with the expected status, code and wording. */
function expectTwilioError(response: { status: number; contentType: string; text: string }, expected: Pick<GarbageCase, 'status' | 'code' | 'names'>) {
  expect(response.status).toBeLessThan(500);
  expect({ status: response.status, text: response.text.slice(0, 300) }).toMatchObject({ status: expected.status });
  expect(response.contentType).toMatch(/^application\/json/);
  const body = JSON.parse(response.text) as Record<string, unknown>;
  expect(typeof body.code).toBe('number');
  if (expected.code !== undefined) expect(body.code).toBe(expected.code);
  expect(typeof body.message).toBe('string');
  expect((body.message as string).trim()).not.toBe('');
  expect(body.more_info).toBe(`https://www.twilio.com/docs/errors/${body.code}`);
  expect(body.status).toBe(response.status);
  if (expected.names !== undefined) expect(body.message).toContain(expected.names);
  return body;
}

function titled(cases: GarbageCase[]): Array<[string, GarbageCase]> {
  return cases.map((request) => {
    const path = request.path.length > 90 ? `${request.path.slice(0, 90)}…` : request.path;
    return [`${request.method} ${path}: ${request.what}`, request];
  });
}

beforeAll(async () => {
  server = await testServer();
  const flow = await api(server, 'POST', '/v2/Flows', { FriendlyName: 'Greeter ✓', Status: 'published', Definition: definitionText, CommitMessage: 'first' });
  expect(flow.status).toBe(201);
  expect(flow.body.valid).toBe(true);
  seeded.FW = flow.body.sid;
  created.flow = flow.body;
  const number = await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: platformNumber, FriendlyName: 'Front desk' });
  expect(number.status).toBe(201);
  seeded.PN = number.body.sid;
  created.number = number.body;
  const testUsers = await api(server, 'POST', `/v2/Flows/${seeded.FW}/TestUsers`, { TestUsers: ['+15550004444', '+15550005555'] });
  expect(testUsers.status).toBe(200);
  created.testUsers = testUsers.body;
  const started = await api(server, 'POST', `/v2/Flows/${seeded.FW}/Executions`, { To: handset, From: platformNumber, Parameters: '{"name":"Zoë"}' });
  expect(started.status).toBe(201);
  expect(started.body.status).toBe('ended');
  seeded.FN = started.body.sid;
  created.execution = started.body;
  const steps = await api(server, 'GET', `/v2/Flows/${seeded.FW}/Executions/${seeded.FN}/Steps`);
  expect(steps.body.steps.length).toBeGreaterThan(0);
  seeded.ST = steps.body.steps[0].sid;
  created.steps = steps.body;
  created.context = (await api(server, 'GET', `/v2/Flows/${seeded.FW}/Executions/${seeded.FN}/Context`)).body;
  const messages = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Messages.json`);
  expect(messages.body.messages).toHaveLength(1);
  seeded.SM = messages.body.messages[0].sid;
  created.clock = (await api(server, 'GET', '/emulator/v1/Clock')).body;
});

afterAll(async () => {
  await server?.close();
});

// The voice network's own seeds: a call that has ended with a recording, and a live call parked in a
// <Gather> that no garbage may move on. Neither moves the clock.
beforeAll(async () => {
  const calls = `/2010-04-01/Accounts/${accountSid}/Calls.json`;
  const recorded = await api(server, 'POST', calls, { To: handset, From: platformNumber, Twiml: '<Response><Record/></Response>' });
  expect(recorded.status).toBe(201);
  seeded.CA = recorded.body.sid;
  expect((await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' })).status).toBe(200);
  const input = await api(server, 'POST', `/emulator/v1/Calls/${seeded.CA}/Input`, { Recording: 'seeded recording', RecordingSeconds: '3' });
  expect(input.body.status).toBe('completed');
  const recordings = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Recordings.json`);
  expect(recordings.body.recordings).toHaveLength(1);
  seeded.RE = recordings.body.recordings[0].sid;
  created.recording = recordings.body.recordings[0];
  const live = await api(server, 'POST', calls, { To: handset, From: platformNumber, Twiml: '<Response><Gather numDigits="1" timeout="3600"><Say>Press a key</Say></Gather></Response>' });
  seeded.LIVE = live.body.sid;
  expect((await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' })).status).toBe(200);
  created.call = (await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls/${seeded.CA}.json`)).body;
  created.callEvents = (await api(server, 'GET', `/emulator/v1/Calls/${seeded.CA}`)).body;
  created.liveCall = (await api(server, 'GET', `/emulator/v1/Calls/${seeded.LIVE}`)).body;
  expect(created.liveCall).toMatchObject({ status: 'in-progress', waiting_for: 'gather' });
  created.handset = (await api(server, 'GET', `/emulator/v1/Handsets/${handset}`)).body;
});

// Every route that takes HTTP Basic, each with a body that would succeed with the right credentials.
const basicRoutes: Array<Pick<GarbageCase, 'method' | 'path' | 'form'>> = [
  { method: 'POST', path: '/v2/Flows', form: { FriendlyName: 'x', Status: 'draft', Definition: definitionText } },
  { method: 'GET', path: '/v2/Flows' },
  { method: 'POST', path: '/v2/Flows/Validate', form: { FriendlyName: 'x', Status: 'draft', Definition: definitionText } },
  { method: 'GET', path: '/v2/Flows/{FW}' },
  { method: 'POST', path: '/v2/Flows/{FW}', form: { Status: 'draft', FriendlyName: 'taken over' } },
  { method: 'DELETE', path: '/v2/Flows/{FW}' },
  { method: 'GET', path: '/v2/Flows/{FW}/Revisions' },
  { method: 'GET', path: '/v2/Flows/{FW}/Revisions/1' },
  { method: 'GET', path: '/v2/Flows/{FW}/TestUsers' },
  { method: 'POST', path: '/v2/Flows/{FW}/TestUsers', form: { TestUsers: '+15550009999' } },
  { method: 'POST', path: '/v2/Flows/{FW}/Executions', form: { To: '+15550007777', From: platformNumber } },
  { method: 'GET', path: '/v2/Flows/{FW}/Executions' },
  { method: 'GET', path: execution },
  { method: 'POST', path: execution, form: { Status: 'ended' } },
  { method: 'DELETE', path: execution },
  { method: 'GET', path: `${execution}/Context` },
  { method: 'GET', path: `${execution}/Steps` },
  { method: 'GET', path: `${execution}/Steps/{ST}` },
  { method: 'GET', path: `${execution}/Steps/{ST}/Context` },
  { method: 'POST', path: `${accounts}/IncomingPhoneNumbers.json`, form: { PhoneNumber: '+15550003333' } },
  { method: 'GET', path: `${accounts}/IncomingPhoneNumbers.json` },
  { method: 'GET', path: `${accounts}/IncomingPhoneNumbers/{PN}.json` },
  { method: 'POST', path: `${accounts}/IncomingPhoneNumbers/{PN}.json`, form: { FriendlyName: 'taken over' } },
  { method: 'DELETE', path: `${accounts}/IncomingPhoneNumbers/{PN}.json` },
  { method: 'POST', path: `${accounts}/Messages.json`, form: { To: handset, From: platformNumber, Body: 'spoofed' } },
  { method: 'GET', path: `${accounts}/Messages.json` },
  { method: 'GET', path: `${accounts}/Messages/{SM}.json` },
  { method: 'DELETE', path: `${accounts}/Messages/{SM}.json` },
  { method: 'POST', path: `/emulator/v1/Handsets/${handset}/Messages`, form: { To: platformNumber, Body: 'spoofed' } },
  { method: 'GET', path: `/emulator/v1/Handsets/${handset}/Messages` },
  { method: 'GET', path: '/emulator/v1/Clock' },
  { method: 'POST', path: '/emulator/v1/Clock', form: { Advance: '86400' } },
  { method: 'POST', path: `${accounts}/Calls.json`, form: { To: handset, From: platformNumber, Twiml: '<Response><Say>spoofed</Say></Response>' } },
  { method: 'GET', path: `${accounts}/Calls.json` },
  { method: 'GET', path: `${accounts}/Calls/{CA}.json` },
  { method: 'POST', path: `${accounts}/Calls/{LIVE}.json`, form: { Status: 'completed' } },
  { method: 'DELETE', path: `${accounts}/Calls/{CA}.json` },
  { method: 'GET', path: `${accounts}/Calls/{CA}/Recordings.json` },
  { method: 'GET', path: `${accounts}/Recordings.json` },
  { method: 'GET', path: `${accounts}/Queues.json` },
  { method: 'GET', path: '/emulator/v1/FlexTasks' },
  { method: 'GET', path: `${accounts}/Recordings/{RE}.json` },
  { method: 'DELETE', path: `${accounts}/Recordings/{RE}.json` },
  { method: 'POST', path: `/emulator/v1/Handsets/${handset}/Calls`, form: { To: platformNumber } },
  { method: 'GET', path: '/emulator/v1/Calls/{LIVE}' },
  { method: 'POST', path: '/emulator/v1/Calls/{LIVE}/Input', form: { Digits: '1' } },
  { method: 'POST', path: '/emulator/v1/Calls/{LIVE}/Hangup' },
  { method: 'POST', path: '/emulator/v1/Calls/{LIVE}/Answer' },
  { method: 'POST', path: '/emulator/v1/Calls/{LIVE}/Reject' },
  { method: 'GET', path: `/emulator/v1/Handsets/${handset}` },
  { method: 'POST', path: `/emulator/v1/Handsets/${handset}`, form: { AnswerMode: 'busy' } },
];

const badCredentials: Array<[string, string | null]> = [
  ['no Authorization header', null],
  ['the wrong auth token', basic(`${accountSid}:${'0'.repeat(32)}`)],
  ['an unknown account', basic(`${otherAccount}:${authToken}`)],
  ['an account SID with no password', basic(accountSid)],
  ['the token as the username', basic(`${authToken}:${accountSid}`)],
  ['a Bearer token', 'Bearer eyJhbGciOiJub25lIn0.e30.'],
  ['Basic with text that is not base64', 'Basic !!!not base64 \u00ff'],
  ['Basic with binary credentials', `Basic ${Buffer.from([0, 255, 58, 1, 254]).toString('base64')}`],
];

describe('wrong or missing credentials get 401 and 20003', () => {
  const cases = basicRoutes.flatMap((route) =>
    badCredentials.map(([what, auth]): GarbageCase => ({ ...route, what, auth, status: 401, code: 20003 })),
  );
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });

  it('wrong credentials get 401 even for a flow that does not exist, so SIDs cannot be probed', async () => {
    const request: GarbageCase = { what: '', method: 'GET', path: `/v2/Flows/${unknownFlow}`, auth: basic(`${accountSid}:wrong`), status: 401, code: 20003 };
    expectTwilioError(await send(request), request);
  });

  it('the 401 asks for credentials the way Twilio does', async () => {
    const body = expectTwilioError(await send({ what: '', method: 'GET', path: '/v2/Flows', auth: null, status: 401 }), { status: 401, code: 20003 });
    expect(body.message).toBe('Authenticate');
  });
});

const notFound = (method: string, path: string, what: string, form?: Form): GarbageCase => ({ what, method, path, form, status: 404, code: 20404 });

describe('unknown and malformed SIDs, unknown paths and methods get 404 and 20404', () => {
  const cases: GarbageCase[] = [
    notFound('GET', `/v2/Flows/${unknownFlow}`, 'an unknown flow'),
    notFound('GET', '/v2/Flows/abc', 'a malformed flow SID'),
    notFound('GET', `/v2/Flows/FW${'g'.repeat(32)}`, 'a SID that is not hex'),
    notFound('GET', `/v2/Flows/${encodeURIComponent('FW☃')}`, 'a SID in unicode'),
    notFound('GET', '/v2/Flows/FW%00', 'a SID with a null byte'),
    notFound('GET', `/v2/Flows/FW${'a'.repeat(300)}`, 'a SID of 302 characters'),
    notFound('GET', `/v2/Flows/${encodeURIComponent('../../etc/passwd')}`, 'a path traversal'),
    notFound('GET', `/v2/Flows/${encodeURIComponent("FW' OR 1=1 --")}`, 'SQL in a SID'),
    notFound('POST', `/v2/Flows/${unknownFlow}`, 'updating an unknown flow', { Status: 'draft' }),
    notFound('DELETE', `/v2/Flows/${unknownFlow}`, 'deleting an unknown flow'),
    notFound('GET', `/v2/Flows/${unknownFlow}/Revisions`, 'revisions of an unknown flow'),
    notFound('GET', '/v2/Flows/{FW}/Revisions/abc', 'a revision that is not a number'),
    notFound('GET', '/v2/Flows/{FW}/Revisions/0', 'revision 0'),
    notFound('GET', '/v2/Flows/{FW}/Revisions/-1', 'a negative revision'),
    notFound('GET', '/v2/Flows/{FW}/Revisions/1.5', 'a fractional revision'),
    notFound('GET', '/v2/Flows/{FW}/Revisions/99', 'a revision not yet made'),
    notFound('GET', `/v2/Flows/{FW}/Revisions/${'9'.repeat(25)}`, 'a revision past any integer'),
    notFound('GET', '/v2/Flows/{FW}/Revisions/latestpublished', 'LatestPublished in the wrong case'),
    notFound('GET', `/v2/Flows/${unknownFlow}/TestUsers`, 'test users of an unknown flow'),
    notFound('POST', `/v2/Flows/${unknownFlow}/TestUsers`, 'setting test users of an unknown flow', { TestUsers: '+15550009999' }),
    notFound('POST', `/v2/Flows/${unknownFlow}/Executions`, 'starting an unknown flow', { To: '+15550007777', From: platformNumber }),
    notFound('GET', `/v2/Flows/${unknownFlow}/Executions`, 'executions of an unknown flow'),
    notFound('GET', `/v2/Flows/{FW}/Executions/${unknownExecution}`, 'an unknown execution'),
    notFound('GET', `/v2/Flows/${unknownFlow}/Executions/{FN}`, 'the execution under an unknown flow'),
    notFound('GET', '/v2/Flows/{FW}/Executions/{FW}', 'a flow SID as the execution SID'),
    notFound('POST', `/v2/Flows/{FW}/Executions/${unknownExecution}`, 'ending an unknown execution', { Status: 'ended' }),
    notFound('DELETE', `/v2/Flows/{FW}/Executions/${unknownExecution}`, 'deleting an unknown execution'),
    notFound('GET', `/v2/Flows/{FW}/Executions/${unknownExecution}/Context`, 'the context of an unknown execution'),
    notFound('GET', `/v2/Flows/{FW}/Executions/${unknownExecution}/Steps`, 'the steps of an unknown execution'),
    notFound('GET', `${execution}/Steps/${unknownStep}`, 'an unknown step'),
    notFound('GET', `${execution}/Steps/${unknownStep}/Context`, 'the context of an unknown step'),
    notFound('GET', `/v2/Flows/{FW}/Executions/${unknownExecution}/Steps/{ST}`, 'the step under an unknown execution'),
    notFound('GET', `${execution}/Steps/%E2%98%83`, 'a step SID in unicode'),
    notFound('GET', `${accounts}/IncomingPhoneNumbers/${unknownNumber}.json`, 'an unknown number'),
    notFound('GET', `${accounts}/IncomingPhoneNumbers/abc.json`, 'a malformed number SID'),
    notFound('POST', `${accounts}/IncomingPhoneNumbers/${unknownNumber}.json`, 'updating an unknown number', { FriendlyName: 'x' }),
    notFound('DELETE', `${accounts}/IncomingPhoneNumbers/${unknownNumber}.json`, 'deleting an unknown number'),
    notFound('GET', `/2010-04-01/Accounts/${otherAccount}/IncomingPhoneNumbers.json`, 'numbers of another account'),
    notFound('POST', `/2010-04-01/Accounts/${otherAccount}/IncomingPhoneNumbers.json`, 'buying for another account', { PhoneNumber: '+15550003333' }),
    notFound('GET', `/2010-04-01/Accounts/${otherAccount}/IncomingPhoneNumbers/{PN}.json`, 'our number under another account'),
    notFound('GET', `${accounts}/Messages/${unknownMessage}.json`, 'an unknown message'),
    notFound('DELETE', `${accounts}/Messages/${unknownMessage}.json`, 'deleting an unknown message'),
    notFound('GET', `${accounts}/Messages/{PN}.json`, 'a number SID as a message SID'),
    notFound('GET', `/2010-04-01/Accounts/${otherAccount}/Messages.json`, 'messages of another account'),
    notFound('POST', `/2010-04-01/Accounts/${otherAccount}/Messages.json`, 'sending for another account', { To: handset, From: platformNumber, Body: 'x' }),
    notFound('DELETE', `/2010-04-01/Accounts/${otherAccount}/Messages/{SM}.json`, 'deleting our message under another account'),
    notFound('GET', '/2010-04-01/Accounts/garbage/Messages.json', 'a malformed account SID'),
    notFound('POST', '/', 'posting to the web app'),
    notFound('GET', '/app/v1/Nope', 'an unknown web app resource'),
    notFound('GET', '/index.html/x', 'a path under the web app page'),
    notFound('GET', '/nope', 'an unknown path'),
    notFound('GET', '/v2/Flow', 'a misspelt collection'),
    notFound('GET', '/v2/Flows/', 'a trailing slash'),
    notFound('GET', `${accounts}/Messages`, 'a 2010 list without .json'),
    notFound('GET', '/emulator/v1/Handsets', 'the handsets collection'),
    notFound('GET', `/v1/Accounts/{AC}/Flows`, 'a list of webhooks'),
    notFound('PUT', '/v2/Flows', 'PUT on flows'),
    notFound('PATCH', '/v2/Flows/{FW}', 'PATCH on a flow'),
    notFound('OPTIONS', '/v2/Flows', 'OPTIONS on flows'),
    notFound('DELETE', '/v2/Flows/{FW}/Revisions', 'DELETE on revisions'),
    notFound('DELETE', '/v2/Flows/{FW}/TestUsers', 'DELETE on test users'),
    notFound('PUT', `${accounts}/IncomingPhoneNumbers.json`, 'PUT on numbers'),
    notFound('POST', `${accounts}/Messages/{SM}.json`, 'updating a message'),
    notFound('DELETE', '/emulator/v1/Clock', 'DELETE on the clock'),
    notFound('DELETE', `/emulator/v1/Handsets/${handset}/Messages`, 'DELETE on a handset inbox'),
    notFound('PUT', '/v1/Accounts/{AC}/Flows/{FW}', 'PUT on the flow webhook'),
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });

  it('the 404 names the resource it could not find', async () => {
    const body = expectTwilioError(await send(notFound('GET', `/v2/Flows/${unknownFlow}`, '')), { status: 404 });
    expect(body.message).toBe(`The requested resource /Flows/${unknownFlow} was not found`);
  });
});

const invalid = (method: string, path: string, what: string, form: Form | undefined, names: string | undefined, status = 400, code = 20001): GarbageCase => ({
  what,
  method,
  path,
  form,
  names,
  status,
  code,
});

// Every list route takes Twilio's paging parameters.
const listRoutes = [
  '/v2/Flows', '/v2/Flows/{FW}/Revisions', '/v2/Flows/{FW}/Executions', `${execution}/Steps`, `${accounts}/IncomingPhoneNumbers.json`, `${accounts}/Messages.json`,
  `${accounts}/Calls.json`, `${accounts}/Recordings.json`, `${accounts}/Calls/{CA}/Recordings.json`, `${accounts}/Queues.json`,
];
const badPaging: Array<[string, string, string]> = [
  ['PageSize=-1', 'PageSize=-1', 'PageSize'],
  ['PageSize=0', 'PageSize=0', 'PageSize'],
  ['PageSize=abc', 'PageSize=abc', 'PageSize'],
  ['PageSize=5000', 'PageSize=5000', 'PageSize'],
  ['PageSize=1.5', 'PageSize=1.5', 'PageSize'],
  ['PageSize empty', 'PageSize=', 'PageSize'],
  ['PageSize in full-width digits', `PageSize=${encodeURIComponent('５０')}`, 'PageSize'],
  ['PageSize with a null byte', 'PageSize=5%00', 'PageSize'],
  ['PageSize of 400 digits', `PageSize=${'9'.repeat(400)}`, 'PageSize'],
  ['PageSize twice', 'PageSize=5&PageSize=6', 'PageSize'],
  ['Page=x', 'Page=x', 'Page'],
  ['Page=-1', 'Page=-1', 'Page'],
  ['Page past any integer', `Page=${'9'.repeat(25)}`, 'Page'],
  ['Page whose offset is past any integer', `Page=${Number.MAX_SAFE_INTEGER}&PageSize=1000`, 'Page'],
  ['PageToken=zzz', 'PageToken=zzz', 'PageToken'],
  ['PageToken=PT-1', 'PageToken=PT-1', 'PageToken'],
  ['PageToken past any integer', `PageToken=PT${'9'.repeat(25)}`, 'PageToken'],
  ['PageToken twice', 'PageToken=PT1&PageToken=PT2', 'PageToken'],
];

describe('bad paging on every list gets 400 naming the parameter', () => {
  const cases = listRoutes.flatMap((path) => badPaging.map(([what, query, names]) => invalid('GET', `${path}?${query}`, what, undefined, names)));
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

const flowForm = { FriendlyName: 'Garbage', Status: 'draft', Definition: definitionText };
const json = (body: unknown): Pick<GarbageCase, 'body' | 'contentType'> => ({ body: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'application/json' });

describe('Studio Flows, Validate and TestUsers refuse bad parameters', () => {
  const definitionInvalid = (method: string, path: string, what: string, form: Form) => invalid(method, path, what, form, 'definition', 400, 81022);
  const cases: GarbageCase[] = [
    invalid('POST', '/v2/Flows', 'no parameters at all', {}, 'FriendlyName'),
    invalid('POST', '/v2/Flows', 'FriendlyName missing', { Status: 'draft', Definition: definitionText }, 'FriendlyName'),
    invalid('POST', '/v2/Flows', 'FriendlyName twice', { ...flowForm, FriendlyName: ['a', 'b'] }, 'FriendlyName'),
    invalid('POST', '/v2/Flows', 'Status=maybe', { ...flowForm, Status: 'maybe' }, 'Status'),
    invalid('POST', '/v2/Flows', 'Status missing', { FriendlyName: 'x', Definition: definitionText }, 'Status'),
    invalid('POST', '/v2/Flows', 'Status in unicode', { ...flowForm, Status: 'ｐｕｂｌｉｓｈｅｄ' }, 'Status'),
    invalid('POST', '/v2/Flows', 'Status with a null byte', { ...flowForm, Status: 'draft\0' }, 'Status'),
    invalid('POST', '/v2/Flows', 'Status twice', { ...flowForm, Status: ['draft', 'published'] }, 'Status'),
    invalid('POST', '/v2/Flows', 'a FriendlyName of 100,000 characters and a bad Status', { ...flowForm, FriendlyName: long(100_000), Status: 'maybe' }, 'Status'),
    invalid('POST', '/v2/Flows', 'Definition missing', { FriendlyName: 'x', Status: 'draft' }, 'Definition'),
    invalid('POST', '/v2/Flows', 'Definition empty', { ...flowForm, Definition: '' }, 'Definition'),
    definitionInvalid('POST', '/v2/Flows', 'Definition={not json', { ...flowForm, Definition: '{not json' }),
    definitionInvalid('POST', '/v2/Flows', 'Definition=42', { ...flowForm, Definition: '42' }),
    definitionInvalid('POST', '/v2/Flows', 'Definition=[1]', { ...flowForm, Definition: '[1]' }),
    definitionInvalid('POST', '/v2/Flows', 'Definition=null', { ...flowForm, Definition: 'null' }),
    definitionInvalid('POST', '/v2/Flows', 'Definition of a null byte', { ...flowForm, Definition: '\0' }),
    definitionInvalid('POST', '/v2/Flows', 'Definition of binary text', { ...flowForm, Definition: Buffer.from(binary).toString('latin1') }),
    definitionInvalid('POST', '/v2/Flows', 'an invalid Definition published', { ...flowForm, Status: 'published', Definition: '{}' }),
    definitionInvalid('POST', '/v2/Flows', 'a Definition nested 5,000 deep', { ...flowForm, Definition: deepDefinition }),
    invalid('POST', '/v2/Flows', 'CommitMessage twice', { ...flowForm, CommitMessage: ['a', 'b'] }, 'CommitMessage'),
    { ...invalid('POST', '/v2/Flows', 'a JSON body whose FriendlyName is an object', undefined, 'FriendlyName'), ...json({ ...flowForm, FriendlyName: { toString: 1 } }) },
    { ...invalid('POST', '/v2/Flows', 'a JSON body whose FriendlyName is null', undefined, 'FriendlyName'), ...json({ ...flowForm, FriendlyName: null }) },
    { ...invalid('POST', '/v2/Flows', 'a JSON body whose Definition is nested 100,000 deep', undefined, 'Definition'), ...json(`{"FriendlyName":"x","Status":"draft","Definition":${deepJson(100_000)}}`) },
    { ...invalid('POST', '/v2/Flows', 'a JSON body that is an array', undefined, 'FriendlyName'), ...json([1, 2, 3]) },
    { ...invalid('POST', '/v2/Flows', 'invalid JSON sent as application/json', undefined, 'JSON'), ...json('{"FriendlyName": ') },
    { ...invalid('POST', '/v2/Flows', 'an empty application/json body', undefined, 'empty'), ...json('') },
    { ...invalid('POST', '/v2/Flows', 'JSON with __proto__', undefined, undefined), ...json('{"__proto__":{"admin":true},"FriendlyName":"x"}') },
    { ...invalid('POST', '/v2/Flows', 'a text/plain body', undefined, 'FriendlyName'), body: formText(flowForm), contentType: 'text/plain' },
    { ...invalid('POST', '/v2/Flows', 'binary bytes as a form', undefined, 'FriendlyName'), body: binary, contentType: 'application/x-www-form-urlencoded' },
    { ...invalid('POST', '/v2/Flows', 'binary bytes as application/octet-stream', undefined, undefined, 415), body: binary, contentType: 'application/octet-stream' },
    { ...invalid('POST', '/v2/Flows', 'binary bytes with no content type', undefined, undefined, 415), body: binary },
    { ...invalid('POST', '/v2/Flows', 'an unknown content type', undefined, undefined, 415), body: formText(flowForm), contentType: 'application/x-garbage' },
    { ...invalid('POST', '/v2/Flows', 'multipart/form-data', undefined, undefined, 415), body: '--x\r\nContent-Disposition: form-data; name="FriendlyName"\r\n\r\nx\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
    { ...invalid('POST', '/v2/Flows', 'a content type that is not a media type', undefined, undefined, 415), body: formText(flowForm), contentType: 'n\u00f6t a media type' },
    { ...invalid('POST', '/v2/Flows', 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    invalid('POST', '/v2/Flows/{FW}', 'Status missing', { FriendlyName: 'x' }, 'Status'),
    invalid('POST', '/v2/Flows/{FW}', 'Status=maybe', { Status: 'maybe' }, 'Status'),
    invalid('POST', '/v2/Flows/{FW}', 'Status twice', { Status: ['draft', 'published'] }, 'Status'),
    invalid('POST', '/v2/Flows/{FW}', 'FriendlyName twice', { Status: 'draft', FriendlyName: ['a', 'b'] }, 'FriendlyName'),
    definitionInvalid('POST', '/v2/Flows/{FW}', 'Definition={not json', { Status: 'published', Definition: '{not json' }),
    definitionInvalid('POST', '/v2/Flows/{FW}', 'Definition empty', { Status: 'draft', Definition: '' }),
    definitionInvalid('POST', '/v2/Flows/{FW}', 'Definition=42', { Status: 'draft', Definition: '42' }),
    definitionInvalid('POST', '/v2/Flows/{FW}', 'publishing an invalid Definition', { Status: 'published', Definition: '{}' }),
    definitionInvalid('POST', '/v2/Flows/{FW}', 'a Definition nested 5,000 deep', { Status: 'draft', Definition: deepDefinition }),
    { ...invalid('POST', '/v2/Flows/{FW}', 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    invalid('POST', '/v2/Flows/Validate', 'FriendlyName missing', { Status: 'draft', Definition: definitionText }, 'FriendlyName'),
    invalid('POST', '/v2/Flows/Validate', 'Status=maybe', { ...flowForm, Status: 'maybe' }, 'Status'),
    invalid('POST', '/v2/Flows/Validate', 'Definition missing', { FriendlyName: 'x', Status: 'draft' }, 'Definition'),
    definitionInvalid('POST', '/v2/Flows/Validate', 'Definition={not json', { ...flowForm, Definition: '{not json' }),
    definitionInvalid('POST', '/v2/Flows/Validate', 'Definition=42', { ...flowForm, Definition: '42' }),
    definitionInvalid('POST', '/v2/Flows/Validate', 'a flow with no states', { ...flowForm, Definition: '{"initial_state":"Trigger"}' }),
    definitionInvalid('POST', '/v2/Flows/Validate', 'a Definition nested 5,000 deep', { ...flowForm, Definition: deepDefinition }),
    { ...invalid('POST', '/v2/Flows/Validate', 'invalid JSON sent as application/json', undefined, 'JSON'), ...json('{') },
    invalid('POST', '/v2/Flows/{FW}/TestUsers', 'TestUsers missing', {}, 'TestUsers'),
    invalid('POST', '/v2/Flows/{FW}/TestUsers', 'TestUsers blank', { TestUsers: ' ' }, 'TestUsers'),
    invalid('POST', '/v2/Flows/{FW}/TestUsers', 'one of the TestUsers empty', { TestUsers: ['+15550009999', ' '] }, 'TestUsers'),
    { ...invalid('POST', '/v2/Flows/{FW}/TestUsers', 'a JSON body whose TestUsers hold an object', undefined, 'TestUsers'), ...json({ TestUsers: [{ toString: 1 }] }) },
    { ...invalid('POST', '/v2/Flows/{FW}/TestUsers', 'a JSON body whose TestUsers is null', undefined, 'TestUsers'), ...json({ TestUsers: null }) },
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('Studio Executions refuse bad parameters', () => {
  const start = { To: '+15550007777', From: platformNumber };
  const cases: GarbageCase[] = [
    invalid('POST', '/v2/Flows/{FW}/Executions', 'no parameters', {}, 'To'),
    invalid('POST', '/v2/Flows/{FW}/Executions', "To=''", { ...start, To: '' }, 'To'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'From missing', { To: start.To }, 'From'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'To twice', { ...start, To: ['+15550007777', '+15550008888'] }, 'To'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'From twice', { ...start, From: [platformNumber, platformNumber] }, 'From'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'To of 10,000 characters', { ...start, To: long(10_000) }, 'To', 400, 81023),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters=not-json', { ...start, Parameters: 'not-json' }, 'Parameters'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters=[1]', { ...start, Parameters: '[1]' }, 'Parameters'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters=42', { ...start, Parameters: '42' }, 'Parameters'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters=null', { ...start, Parameters: 'null' }, 'Parameters'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters a JSON string', { ...start, Parameters: '"{}"' }, 'Parameters'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters with a null byte', { ...start, Parameters: '{"a":1}\0' }, 'Parameters'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters twice', { ...start, Parameters: ['{}', '{}'] }, 'Parameters'),
    invalid('POST', '/v2/Flows/{FW}/Executions', 'Parameters nested 100,000 deep', { ...start, Parameters: `{"a":${deepJson(100_000)}}` }, 'Parameters'),
    { ...invalid('POST', '/v2/Flows/{FW}/Executions', 'a JSON body whose Parameters is an object', undefined, 'Parameters'), ...json({ ...start, Parameters: { a: 1 } }) },
    { ...invalid('POST', '/v2/Flows/{FW}/Executions', 'invalid JSON sent as application/json', undefined, 'JSON'), ...json('{"To":') },
    { ...invalid('POST', '/v2/Flows/{FW}/Executions', 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    invalid('GET', '/v2/Flows/{FW}/Executions?Status=maybe', 'Status=maybe', undefined, 'Status'),
    invalid('GET', '/v2/Flows/{FW}/Executions?status=maybe', 'status=maybe', undefined, 'status'),
    invalid('GET', '/v2/Flows/{FW}/Executions?Status=active&Status=ended', 'Status twice', undefined, 'Status'),
    invalid('GET', '/v2/Flows/{FW}/Executions?DateCreatedFrom=yesterday', 'DateCreatedFrom=yesterday', undefined, 'DateCreatedFrom'),
    invalid('GET', '/v2/Flows/{FW}/Executions?DateCreatedTo=2026-13-45', 'DateCreatedTo=2026-13-45', undefined, 'DateCreatedTo'),
    invalid('GET', `/v2/Flows/{FW}/Executions?DateCreatedFrom=${encodeURIComponent('昨日')}`, 'DateCreatedFrom in unicode', undefined, 'DateCreatedFrom'),
    invalid('GET', '/v2/Flows/{FW}/Executions?DateCreatedFrom=%00', 'DateCreatedFrom a null byte', undefined, 'DateCreatedFrom'),
    invalid('GET', `/v2/Flows/{FW}/Executions?DateCreatedFrom=${'9'.repeat(30)}`, 'DateCreatedFrom of 30 digits', undefined, 'DateCreatedFrom'),
    invalid('GET', '/v2/Flows/{FW}/Executions?DateCreatedFrom=2026-01-01&DateCreatedFrom=2026-01-02', 'DateCreatedFrom twice', undefined, 'DateCreatedFrom'),
    invalid('GET', '/v2/Flows/{FW}/Executions?DateCreatedTo=%2B275760-09-13T00:00:00Z', "DateCreatedTo at JavaScript's last day", undefined, 'DateCreatedTo'),
    invalid('GET', '/v2/Flows/{FW}/Executions?DateCreatedFrom=-271821-04-20T00:00:00Z', "DateCreatedFrom at JavaScript's first day", undefined, 'DateCreatedFrom'),
    invalid('POST', execution, 'Status missing', {}, 'Status'),
    invalid('POST', execution, 'Status=maybe', { Status: 'maybe' }, 'Status'),
    invalid('POST', execution, 'Status=active', { Status: 'active' }, 'Status'),
    invalid('POST', execution, 'Status twice', { Status: ['ended', 'ended'] }, 'Status'),
    { ...invalid('POST', execution, 'a JSON body whose Status is a list of lists', undefined, 'Status'), ...json({ Status: [['ended']] }) },
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('IncomingPhoneNumbers refuse bad parameters', () => {
  const buy = { PhoneNumber: '+15550003333' };
  const numbers = `${accounts}/IncomingPhoneNumbers.json`;
  const ours = `${accounts}/IncomingPhoneNumbers/{PN}.json`;
  const cases: GarbageCase[] = [
    invalid('POST', numbers, 'neither PhoneNumber nor AreaCode', {}, 'PhoneNumber'),
    invalid('POST', numbers, 'PhoneNumber=abc', { PhoneNumber: 'abc' }, 'PhoneNumber', 400, 21421),
    invalid('POST', numbers, "PhoneNumber=''", { PhoneNumber: '' }, 'PhoneNumber', 400, 21421),
    invalid('POST', numbers, 'PhoneNumber without a +', { PhoneNumber: '15550003333' }, 'PhoneNumber', 400, 21421),
    invalid('POST', numbers, 'PhoneNumber in full-width digits', { PhoneNumber: '+１５５５０００３３３３' }, 'PhoneNumber', 400, 21421),
    invalid('POST', numbers, 'PhoneNumber with a null byte', { PhoneNumber: '+1555000\u00003333' }, 'PhoneNumber', 400, 21421),
    invalid('POST', numbers, 'PhoneNumber of 10,000 digits', { PhoneNumber: '+1' + '5'.repeat(10_000) }, 'PhoneNumber', 400, 21421),
    invalid('POST', numbers, 'PhoneNumber already bought', { PhoneNumber: platformNumber }, 'PhoneNumber', 400, 21422),
    invalid('POST', numbers, 'PhoneNumber twice', { PhoneNumber: ['+15550003333', '+15550003334'] }, 'PhoneNumber'),
    invalid('POST', numbers, 'AreaCode=abc', { AreaCode: 'abc' }, 'AreaCode'),
    invalid('POST', numbers, 'AreaCode=012', { AreaCode: '012' }, 'AreaCode'),
    invalid('POST', numbers, 'SmsUrl=ftp://x', { ...buy, SmsUrl: 'ftp://x' }, 'SmsUrl'),
    invalid('POST', numbers, 'SmsUrl not a URL', { ...buy, SmsUrl: 'not a url' }, 'SmsUrl'),
    invalid('POST', numbers, 'VoiceUrl=javascript:', { ...buy, VoiceUrl: 'javascript:alert(1)' }, 'VoiceUrl'),
    invalid('POST', numbers, 'SmsMethod=PUT', { ...buy, SmsMethod: 'PUT' }, 'SmsMethod'),
    invalid('POST', numbers, 'StatusCallbackMethod=DELETE', { ...buy, StatusCallbackMethod: 'DELETE' }, 'StatusCallbackMethod'),
    invalid('POST', numbers, 'SmsUrl twice', { ...buy, SmsUrl: ['http://a.test', 'http://b.test'] }, 'SmsUrl'),
    { ...invalid('POST', numbers, 'a JSON body whose FriendlyName is an object', undefined, 'FriendlyName'), ...json({ ...buy, FriendlyName: {} }) },
    { ...invalid('POST', numbers, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    invalid('GET', `${numbers}?PhoneNumber=a&PhoneNumber=b`, 'PhoneNumber twice', undefined, 'PhoneNumber'),
    invalid('GET', `${numbers}?FriendlyName=a&FriendlyName=b`, 'FriendlyName twice', undefined, 'FriendlyName'),
    invalid('POST', ours, 'SmsUrl=ftp://x', { SmsUrl: 'ftp://x' }, 'SmsUrl'),
    invalid('POST', ours, 'SmsMethod=PUT', { SmsMethod: 'PUT' }, 'SmsMethod'),
    invalid('POST', ours, 'a good FriendlyName with a bad SmsMethod', { FriendlyName: 'renamed', SmsMethod: 'PUT' }, 'SmsMethod'),
    invalid('POST', ours, 'SmsFallbackUrl in unicode', { SmsFallbackUrl: '☃://☃' }, 'SmsFallbackUrl'),
    invalid('POST', ours, 'StatusCallback a null byte', { StatusCallback: '\0' }, 'StatusCallback'),
    invalid('POST', ours, 'VoiceMethod of 100,000 characters', { VoiceMethod: long(100_000) }, 'VoiceMethod'),
    invalid('POST', ours, 'FriendlyName twice', { FriendlyName: ['a', 'b'] }, 'FriendlyName'),
    { ...invalid('POST', ours, 'invalid JSON sent as application/json', undefined, 'JSON'), ...json('{"SmsUrl"') },
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('Messages refuse bad parameters', () => {
  const messages = `${accounts}/Messages.json`;
  const message = { To: handset, From: platformNumber, Body: 'hi' };
  const cases: GarbageCase[] = [
    invalid('POST', messages, 'no parameters', {}, 'To', 400, 21604),
    invalid('POST', messages, "To=''", { ...message, To: '' }, 'To', 400, 21604),
    invalid('POST', messages, 'To=abc', { ...message, To: 'abc' }, 'To', 400, 21211),
    invalid('POST', messages, 'To in unicode', { ...message, To: '☎️' }, 'To', 400, 21211),
    invalid('POST', messages, 'To with a null byte', { ...message, To: '+1555000\u00002222' }, 'To', 400, 21211),
    invalid('POST', messages, 'To twice', { ...message, To: [handset, handset] }, 'To'),
    invalid('POST', messages, 'From missing', { To: handset, Body: 'hi' }, 'From', 400, 21603),
    invalid('POST', messages, 'From not a number of the account', { ...message, From: '+15559999999' }, 'From', 400, 21606),
    invalid('POST', messages, 'From garbage', { ...message, From: '\0☃' }, 'From', 400, 21606),
    invalid('POST', messages, 'MessagingServiceSid without From', { To: handset, Body: 'hi', MessagingServiceSid: 'MG' + '0'.repeat(32) }, 'From'),
    invalid('POST', messages, 'Body missing', { To: handset, From: platformNumber }, 'body', 400, 21602),
    invalid('POST', messages, 'Body of 1,601 characters', { ...message, Body: long(1601) }, 'body', 400, 21617),
    invalid('POST', messages, 'Body twice', { ...message, Body: ['a', 'b'] }, 'Body'),
    invalid('POST', messages, 'StatusCallback=ftp://x', { ...message, StatusCallback: 'ftp://x' }, 'StatusCallback'),
    invalid('POST', messages, 'StatusCallback not a URL', { ...message, StatusCallback: 'call me maybe' }, 'StatusCallback'),
    { ...invalid('POST', messages, 'a JSON body whose Body is an object', undefined, 'Body'), ...json({ ...message, Body: { toString: 1 } }) },
    { ...invalid('POST', messages, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    { ...invalid('POST', messages, 'binary bytes as application/octet-stream', undefined, undefined, 415), body: binary, contentType: 'application/octet-stream' },
    invalid('GET', `${messages}?DateSent=garbage`, 'DateSent=garbage', undefined, 'DateSent'),
    invalid('GET', `${messages}?${encodeURIComponent('DateSent<')}=garbage`, 'DateSent<=garbage', undefined, 'DateSent<'),
    invalid('GET', `${messages}?${encodeURIComponent('DateSent>')}=${encodeURIComponent('昨日')}`, 'DateSent> in unicode', undefined, 'DateSent>'),
    invalid('GET', `${messages}?DateSent=%00`, 'DateSent a null byte', undefined, 'DateSent'),
    invalid('GET', `${messages}?DateSent=2026-01-01&DateSent=2026-01-02`, 'DateSent twice', undefined, 'DateSent'),
    invalid('GET', `${messages}?DateSent=%2B275760-09-13`, "DateSent on JavaScript's last day", undefined, 'DateSent'),
    invalid('GET', `${messages}?${encodeURIComponent('DateSent>')}=-271821-04-20`, "DateSent> on JavaScript's first day", undefined, 'DateSent>'),
    invalid('GET', `${messages}?To=a&To=b`, 'To twice', undefined, 'To'),
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('the emulator refuses bad handsets and clock moves', () => {
  const inbox = `/emulator/v1/Handsets/${handset}/Messages`;
  const cases: GarbageCase[] = [
    invalid('POST', '/emulator/v1/Handsets/abc/Messages', 'a handset that is not a number', { To: platformNumber, Body: 'hi' }, 'abc', 400, 21212),
    invalid('POST', `/emulator/v1/Handsets/${encodeURIComponent('☎️')}/Messages`, 'a handset in unicode', { To: platformNumber, Body: 'hi' }, '☎️', 400, 21212),
    invalid('POST', '/emulator/v1/Handsets/%00/Messages', 'a handset of a null byte', { To: platformNumber, Body: 'hi' }, 'From', 400, 21212),
    invalid('POST', inbox, 'To missing', { Body: 'hi' }, 'To', 400, 21604),
    invalid('POST', inbox, 'To=abc', { To: 'abc', Body: 'hi' }, 'To', 400, 21211),
    invalid('POST', inbox, 'To a number nobody bought', { To: '+15559999999', Body: 'hi' }, 'To', 400, 21211),
    invalid('POST', inbox, 'To twice', { To: [platformNumber, platformNumber], Body: 'hi' }, 'To'),
    invalid('POST', inbox, 'Body twice', { To: platformNumber, Body: ['a', 'b'] }, 'Body'),
    invalid('POST', inbox, 'Body of 1,601 characters', { To: platformNumber, Body: long(1601) }, 'body', 400, 21617),
    { ...invalid('POST', inbox, 'a JSON body whose MediaUrl holds an object', undefined, 'MediaUrl'), ...json({ To: platformNumber, Body: 'hi', MediaUrl: [{}] }) },
    { ...invalid('POST', inbox, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    invalid('GET', '/emulator/v1/Handsets/abc/Messages', 'a handset that is not a number', undefined, 'abc'),
    invalid('GET', `/emulator/v1/Handsets/${encodeURIComponent('+１５５５')}/Messages`, 'a handset in full-width digits', undefined, '+１５５５'),
    invalid('GET', `/emulator/v1/Handsets/%2B${'1'.repeat(20)}/Messages`, 'a handset of 20 digits', undefined, 'E.164'),
    invalid('POST', '/emulator/v1/Clock', 'Advance missing', {}, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', "Advance=''", { Advance: '' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance=-5', { Advance: '-5' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance=abc', { Advance: 'abc' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance=1e3', { Advance: '1e3' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance=NaN', { Advance: 'NaN' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance=Infinity', { Advance: 'Infinity' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance in full-width digits', { Advance: '６０' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance with a null byte', { Advance: '60\0' }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance of 20 digits, past year 9999', { Advance: '9'.repeat(20) }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance of 400 digits', { Advance: '9'.repeat(400) }, 'Advance'),
    invalid('POST', '/emulator/v1/Clock', 'Advance twice', { Advance: ['1', '2'] }, 'Advance'),
    { ...invalid('POST', '/emulator/v1/Clock', 'a JSON body whose Advance is an object', undefined, 'Advance'), ...json({ Advance: { seconds: 5 } }) },
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('Calls refuse bad parameters', () => {
  const calls = `${accounts}/Calls.json`;
  const call = { To: '+15550003001', From: platformNumber, Twiml: '<Response><Say>hi</Say></Response>' };
  const live = `${accounts}/Calls/{LIVE}.json`;
  /** A bad URL must be refused naming the parameter; the code (20001 or Twilio's 21205) is not pinned here. */
  const badUrl = (method: string, path: string, what: string, form: Form, names: string): GarbageCase => ({ ...invalid(method, path, what, form, names), code: undefined });
  const cases: GarbageCase[] = [
    invalid('POST', calls, 'no parameters', {}, undefined, 400, 21201),
    invalid('POST', calls, "To=''", { ...call, To: '' }, undefined, 400, 21201),
    invalid('POST', calls, 'To=abc', { ...call, To: 'abc' }, 'abc', 400, 21211),
    invalid('POST', calls, 'To in unicode', { ...call, To: '☎️' }, '☎️', 400, 21211),
    invalid('POST', calls, 'To with a null byte', { ...call, To: '+1555000\u00003001' }, 'To', 400, 21211),
    invalid('POST', calls, 'To of 10,000 characters', { ...call, To: long(10_000) }, 'To', 400, 21211),
    invalid('POST', calls, 'To too short for a number', { ...call, To: '+1555' }, '+1555', 400, 21211),
    invalid('POST', calls, 'To a client with no name', { ...call, To: 'client:' }, 'client:', 400, 21211),
    invalid('POST', calls, 'To a client name with a space', { ...call, To: 'client:a b' }, 'client:a b', 400, 21211),
    invalid('POST', calls, 'To a SIP address with no host', { ...call, To: 'sip:nobody' }, 'sip:nobody', 400, 21211),
    invalid('POST', calls, 'To twice', { ...call, To: [handset, handset] }, 'To'),
    invalid('POST', calls, 'From missing', { To: call.To, Twiml: call.Twiml }, undefined, 400, 21213),
    invalid('POST', calls, "From=''", { ...call, From: '' }, undefined, 400, 21213),
    invalid('POST', calls, 'From not a number of the account', { ...call, From: '+15559999999' }, 'From', 400, 21212),
    invalid('POST', calls, 'From garbage', { ...call, From: '\0☃' }, 'From', 400, 21212),
    invalid('POST', calls, 'From twice', { ...call, From: [platformNumber, platformNumber] }, 'From'),
    invalid('POST', calls, 'no Url, Twiml or ApplicationSid', { To: call.To, From: platformNumber }, undefined, 400, 21205),
    invalid('POST', calls, "Url='' and no Twiml", { To: call.To, From: platformNumber, Url: '' }, undefined, 400, 21205),
    badUrl('POST', calls, 'Url=ftp://x', { ...call, Url: 'ftp://x' }, 'Url'),
    badUrl('POST', calls, 'Url not a URL', { ...call, Url: 'call me maybe' }, 'Url'),
    badUrl('POST', calls, 'Url=javascript:', { ...call, Url: 'javascript:alert(1)' }, 'Url'),
    invalid('POST', calls, 'Url twice', { ...call, Url: ['http://a.test', 'http://b.test'] }, 'Url'),
    invalid('POST', calls, 'Method=PUT', { ...call, Url: 'http://a.test', Method: 'PUT' }, 'Method'),
    badUrl('POST', calls, 'FallbackUrl not a URL', { ...call, Url: 'http://a.test', FallbackUrl: 'nowhere' }, 'FallbackUrl'),
    invalid('POST', calls, 'FallbackMethod=PATCH', { ...call, Url: 'http://a.test', FallbackUrl: 'http://b.test', FallbackMethod: 'PATCH' }, 'FallbackMethod'),
    invalid('POST', calls, 'Twiml of 4,001 characters', { ...call, Twiml: `<Response><Say>${'x'.repeat(3980)}</Say></Response>` }, 'Twiml'),
    invalid('POST', calls, 'Twiml twice', { ...call, Twiml: ['<Response/>', '<Response/>'] }, 'Twiml'),
    invalid('POST', calls, 'an unknown ApplicationSid', { To: call.To, From: platformNumber, ApplicationSid: 'AP' + '0'.repeat(32) }, 'ApplicationSid', 400, 21218),
    invalid('POST', calls, 'ApplicationSid garbage', { To: call.To, From: platformNumber, ApplicationSid: '\0☃' }, 'ApplicationSid', 400, 21218),
    badUrl('POST', calls, 'StatusCallback=ftp://x', { ...call, StatusCallback: 'ftp://x' }, 'StatusCallback'),
    invalid('POST', calls, 'StatusCallbackMethod=DELETE', { ...call, StatusCallback: 'http://a.test', StatusCallbackMethod: 'DELETE' }, 'StatusCallbackMethod'),
    invalid('POST', calls, 'StatusCallbackEvent=hungup', { ...call, StatusCallback: 'http://a.test', StatusCallbackEvent: ['initiated', 'hungup'] }, 'StatusCallbackEvent', 400, 21626),
    invalid('POST', calls, 'StatusCallbackEvent space-joined', { ...call, StatusCallback: 'http://a.test', StatusCallbackEvent: 'initiated ringing' }, 'StatusCallbackEvent', 400, 21626),
    invalid('POST', calls, 'StatusCallbackEvent empty', { ...call, StatusCallback: 'http://a.test', StatusCallbackEvent: '' }, 'StatusCallbackEvent', 400, 21626),
    invalid('POST', calls, 'StatusCallbackEvent in unicode', { ...call, StatusCallback: 'http://a.test', StatusCallbackEvent: 'ｃｏｍｐｌｅｔｅｄ' }, 'StatusCallbackEvent', 400, 21626),
    invalid('POST', calls, 'Timeout=0', { ...call, Timeout: '0' }, 'Timeout'),
    invalid('POST', calls, 'Timeout=601', { ...call, Timeout: '601' }, 'Timeout'),
    invalid('POST', calls, 'Timeout=abc', { ...call, Timeout: 'abc' }, 'Timeout'),
    invalid('POST', calls, 'Timeout=-5', { ...call, Timeout: '-5' }, 'Timeout'),
    invalid('POST', calls, 'Timeout=1.5', { ...call, Timeout: '1.5' }, 'Timeout'),
    invalid('POST', calls, 'Timeout in full-width digits', { ...call, Timeout: '６０' }, 'Timeout'),
    invalid('POST', calls, 'Timeout of 400 digits', { ...call, Timeout: '9'.repeat(400) }, 'Timeout'),
    invalid('POST', calls, 'Timeout twice', { ...call, Timeout: ['10', '20'] }, 'Timeout'),
    invalid('POST', calls, 'MachineDetection=Maybe', { ...call, MachineDetection: 'Maybe' }, 'MachineDetection'),
    invalid('POST', calls, 'Record=yes', { ...call, Record: 'yes' }, 'Record'),
    invalid('POST', calls, 'SendDigits with letters', { ...call, SendDigits: 'hello' }, 'SendDigits'),
    invalid('POST', calls, 'SendDigits of 33 keys', { ...call, SendDigits: '1'.repeat(33) }, 'SendDigits'),
    { ...invalid('POST', calls, 'a JSON body whose To is an object', undefined, 'To'), ...json({ ...call, To: { toString: 1 } }) },
    { ...invalid('POST', calls, 'a JSON body whose StatusCallbackEvent holds an object', undefined, 'StatusCallbackEvent'), ...json({ ...call, StatusCallback: 'http://a.test', StatusCallbackEvent: [{}] }) },
    { ...invalid('POST', calls, 'invalid JSON sent as application/json', undefined, 'JSON'), ...json('{"To":') },
    { ...invalid('POST', calls, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    { ...invalid('POST', calls, 'binary bytes as application/octet-stream', undefined, undefined, 415), body: binary, contentType: 'application/octet-stream' },
    invalid('GET', `${calls}?Status=maybe`, 'Status=maybe', undefined, 'Status'),
    invalid('GET', `${calls}?Status=completed&Status=busy`, 'Status twice', undefined, 'Status'),
    invalid('GET', `${calls}?To=a&To=b`, 'To twice', undefined, 'To'),
    invalid('GET', `${calls}?ParentCallSid=a&ParentCallSid=b`, 'ParentCallSid twice', undefined, 'ParentCallSid'),
    invalid('GET', `${calls}?StartTime=garbage`, 'StartTime=garbage', undefined, 'StartTime'),
    invalid('GET', `${calls}?${encodeURIComponent('StartTime<')}=garbage`, 'StartTime<=garbage', undefined, 'StartTime<'),
    invalid('GET', `${calls}?${encodeURIComponent('StartTime>')}=${encodeURIComponent('昨日')}`, 'StartTime> in unicode', undefined, 'StartTime>'),
    invalid('GET', `${calls}?StartTime=%2B275760-09-13`, "StartTime on JavaScript's last day", undefined, 'StartTime'),
    invalid('POST', live, 'Status=maybe', { Status: 'maybe' }, 'Status'),
    invalid('POST', live, 'Status=ringing', { Status: 'ringing' }, 'Status'),
    invalid('POST', live, 'Status twice', { Status: ['completed', 'canceled'] }, 'Status'),
    badUrl('POST', live, 'Url=ftp://x', { Url: 'ftp://x' }, 'Url'),
    badUrl('POST', live, 'Status=completed with a bad Url', { Status: 'completed', Url: 'ftp://x' }, 'Url'),
    invalid('POST', live, 'Url and Twiml together', { Url: 'http://a.test', Twiml: '<Response/>' }, 'Twiml'),
    invalid('POST', live, 'Url with Method=PUT', { Url: 'http://a.test', Method: 'PUT' }, 'Method'),
    invalid('POST', live, 'Twiml of 4,001 characters', { Twiml: `<Response><Say>${'x'.repeat(3980)}</Say></Response>` }, 'Twiml'),
    { ...invalid('POST', live, 'a JSON body whose Status is a list', undefined, 'Status'), ...json({ Status: ['completed'] }) },
    { ...invalid('POST', live, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    invalid('POST', `${accounts}/Calls/{CA}.json`, 'redirecting a call that has ended', { Url: 'http://a.test' }, undefined, 400, 21220),
    invalid('POST', `${accounts}/Calls/{CA}.json`, 'inline TwiML for a call that has ended', { Twiml: '<Response/>' }, undefined, 400, 21220),
    invalid('DELETE', live, 'deleting a call in progress', undefined, undefined, 400, 21220),
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });

  it.each(
    titled([
      invalid('POST', live, 'StatusCallback not a URL, alone', { StatusCallback: 'call me maybe' }, 'StatusCallback'),
      invalid('POST', live, 'Method=PUT, alone', { Method: 'PUT' }, 'Method'),
      invalid('POST', live, 'FallbackMethod=PATCH, alone', { FallbackMethod: 'PATCH' }, 'FallbackMethod'),
      invalid('GET', `${calls}?EndTime=garbage`, 'EndTime=garbage', undefined, 'EndTime'),
      invalid('GET', `${calls}?${encodeURIComponent('EndTime>')}=garbage`, 'EndTime>=garbage', undefined, 'EndTime>'),
    ]),
  )('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('unknown calls and recordings get 404 and 20404', () => {
  const unknownCall = 'CA' + '0'.repeat(32);
  const unknownRecording = 'RE' + '0'.repeat(32);
  const recordings = `${accounts}/Recordings`;
  const cases: GarbageCase[] = [
    notFound('GET', `${accounts}/Calls/${unknownCall}.json`, 'an unknown call'),
    notFound('GET', `${accounts}/Calls/abc.json`, 'a malformed call SID'),
    notFound('GET', `${accounts}/Calls/{SM}.json`, 'a message SID as a call SID'),
    notFound('GET', `${accounts}/Calls/${encodeURIComponent("CA' OR 1=1 --")}.json`, 'SQL in a call SID'),
    notFound('POST', `${accounts}/Calls/${unknownCall}.json`, 'updating an unknown call', { Status: 'completed' }),
    notFound('POST', `${accounts}/Calls/${unknownCall}.json`, 'redirecting an unknown call', { Url: 'http://a.test' }),
    notFound('DELETE', `${accounts}/Calls/${unknownCall}.json`, 'deleting an unknown call'),
    notFound('GET', `/2010-04-01/Accounts/${otherAccount}/Calls.json`, 'calls of another account'),
    notFound('POST', `/2010-04-01/Accounts/${otherAccount}/Calls.json`, 'calling for another account', { To: handset, From: platformNumber, Twiml: '<Response/>' }),
    notFound('GET', `/2010-04-01/Accounts/${otherAccount}/Calls/{CA}.json`, 'our call under another account'),
    notFound('POST', `/2010-04-01/Accounts/${otherAccount}/Calls/{LIVE}.json`, 'ending our call under another account', { Status: 'completed' }),
    notFound('PUT', `${accounts}/Calls.json`, 'PUT on calls'),
    notFound('DELETE', `${accounts}/Calls.json`, 'DELETE on calls'),
    notFound('PATCH', `${accounts}/Calls/{LIVE}.json`, 'PATCH on a call'),
    notFound('GET', `${recordings}/${unknownRecording}.json`, 'an unknown recording'),
    notFound('DELETE', `${recordings}/${unknownRecording}.json`, 'deleting an unknown recording'),
    notFound('GET', `${recordings}/{CA}.json`, 'a call SID as a recording SID'),
    notFound('GET', `/2010-04-01/Accounts/${otherAccount}/Recordings/{RE}.json`, 'our recording under another account'),
    notFound('DELETE', `/2010-04-01/Accounts/${otherAccount}/Recordings/{RE}.json`, 'deleting our recording under another account'),
    notFound('GET', `/2010-04-01/Accounts/${otherAccount}/Recordings.json`, 'recordings of another account'),
    { ...notFound('GET', `${recordings}/${unknownRecording}`, 'the media of an unknown recording'), auth: null },
    { ...notFound('GET', `${recordings}/{RE}.txt`, 'media in a format there is none of'), auth: null },
    { ...notFound('GET', `${recordings}/{RE}.exe`, 'media as an .exe'), auth: null },
    { ...notFound('GET', `/2010-04-01/Accounts/${otherAccount}/Recordings/{RE}`, 'our media under another account'), auth: null },
    { ...notFound('GET', `${recordings}/%E2%98%83%00`, 'media of a SID in unicode with a null byte'), auth: null },
    notFound('PUT', `${recordings}/{RE}.json`, 'PUT on a recording'),
    notFound('GET', `/emulator/v1/Calls/${unknownCall}`, 'an unknown call in the emulator'),
    notFound('GET', '/emulator/v1/Calls/abc', 'a malformed call SID in the emulator'),
    notFound('GET', '/emulator/v1/Calls/{SM}', 'a message SID in the emulator'),
    notFound('GET', '/emulator/v1/Calls', 'the emulator calls collection'),
    notFound('DELETE', '/emulator/v1/Calls/{LIVE}', 'DELETE on an emulator call'),
    notFound('GET', '/emulator/v1/Calls/{LIVE}/Input', 'GET on the input of a call'),
    notFound('PUT', `/emulator/v1/Handsets/${handset}`, 'PUT on a handset'),
    notFound('GET', `/emulator/v1/Handsets/${handset}/Calls`, 'GET on the calls of a handset'),
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });

  it.each(
    titled([
      notFound('POST', `/emulator/v1/Calls/${unknownCall}/Input`, 'digits for an unknown call', { Digits: '1' }),
      notFound('POST', `/emulator/v1/Calls/${unknownCall}/Hangup`, 'hanging up an unknown call'),
      notFound('POST', `/emulator/v1/Calls/${unknownCall}/Answer`, 'answering an unknown call'),
      notFound('POST', `/emulator/v1/Calls/${unknownCall}/Reject`, 'rejecting an unknown call'),
      notFound('GET', `${recordings}/{RE}.json.garbage`, 'a recording with two extensions'),
      { ...notFound('GET', `${recordings}/{RE}.wav.json`, 'media with two extensions'), auth: null },
    ]),
  )('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('the emulator refuses bad calls, input and handset settings', () => {
  const placeCall = `/emulator/v1/Handsets/${handset}/Calls`;
  const input = '/emulator/v1/Calls/{LIVE}/Input';
  const settings = `/emulator/v1/Handsets/${handset}`;
  const cases: GarbageCase[] = [
    invalid('POST', '/emulator/v1/Handsets/abc/Calls', 'a handset that is not a number', { To: platformNumber }, 'abc', 400, 21212),
    invalid('POST', `/emulator/v1/Handsets/${encodeURIComponent('☎️')}/Calls`, 'a handset in unicode', { To: platformNumber }, '☎️', 400, 21212),
    invalid('POST', '/emulator/v1/Handsets/%00/Calls', 'a handset of a null byte', { To: platformNumber }, 'From', 400, 21212),
    invalid('POST', `/emulator/v1/Handsets/%2B${'1'.repeat(20)}/Calls`, 'a handset of 20 digits', { To: platformNumber }, 'From', 400, 21212),
    invalid('POST', placeCall, 'To missing', {}, undefined, 400, 21201),
    invalid('POST', placeCall, "To=''", { To: '' }, undefined, 400, 21201),
    invalid('POST', placeCall, 'To=abc', { To: 'abc' }, 'abc', 400, 21211),
    invalid('POST', placeCall, 'To in full-width digits', { To: '+１５５５０００１１１１' }, 'To', 400, 21211),
    invalid('POST', placeCall, 'To a number nobody bought', { To: '+15559999999' }, '+15559999999', 400, 21214),
    invalid('POST', placeCall, 'To twice', { To: [platformNumber, platformNumber] }, 'To'),
    { ...invalid('POST', placeCall, 'a JSON body whose To is an object', undefined, 'To'), ...json({ To: { toString: 1 } }) },
    { ...invalid('POST', placeCall, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    { ...invalid('POST', placeCall, 'binary bytes as application/octet-stream', undefined, undefined, 415), body: binary, contentType: 'application/octet-stream' },
    invalid('POST', '/emulator/v1/Handsets/client:alice/Calls', 'a client with no ApplicationSid', { To: handset }, 'ApplicationSid'),
    invalid('POST', '/emulator/v1/Handsets/client:alice/Calls', 'a client with an unknown ApplicationSid', { ApplicationSid: 'AP' + '0'.repeat(32) }, 'ApplicationSid', 400, 21218),
    invalid('POST', '/emulator/v1/Handsets/client:alice/Calls', 'a client with ApplicationSid twice', { ApplicationSid: ['AP' + '0'.repeat(32), 'AP' + '1'.repeat(32)] }, 'ApplicationSid'),
    { ...invalid('POST', '/emulator/v1/Handsets/client:alice/Calls', 'a client whose custom parameter is an object', undefined, 'Mood'), ...json({ ApplicationSid: 'AP' + '0'.repeat(32), Mood: { toString: 1 } }) },
    invalid('POST', input, 'no input at all', {}, 'Digits'),
    invalid('POST', input, 'Digits and Speech together', { Digits: '1', Speech: 'one' }, 'Digits'),
    invalid('POST', input, 'Digits, Speech and Recording together', { Digits: '1', Speech: 'one', Recording: 'one' }, 'Recording'),
    invalid('POST', input, "Digits=''", { Digits: '' }, 'Digits'),
    invalid('POST', input, 'Digits=abc', { Digits: 'abc' }, 'Digits'),
    invalid('POST', input, 'Digits of 65 keys', { Digits: '1'.repeat(65) }, 'Digits'),
    invalid('POST', input, 'Digits in full-width digits', { Digits: '１' }, 'Digits'),
    invalid('POST', input, 'Digits with a null byte', { Digits: '1\0' }, 'Digits'),
    invalid('POST', input, 'Digits twice', { Digits: ['1', '2'] }, 'Digits'),
    invalid('POST', input, 'RecordingSeconds=abc', { Recording: 'x', RecordingSeconds: 'abc' }, 'RecordingSeconds'),
    invalid('POST', input, 'RecordingSeconds=-1', { Recording: 'x', RecordingSeconds: '-1' }, 'RecordingSeconds'),
    invalid('POST', input, 'RecordingSeconds=1.5', { Recording: 'x', RecordingSeconds: '1.5' }, 'RecordingSeconds'),
    invalid('POST', input, 'RecordingSeconds past a day', { Recording: 'x', RecordingSeconds: '86401' }, 'RecordingSeconds'),
    invalid('POST', input, 'RecordingSeconds of 400 digits', { Recording: 'x', RecordingSeconds: '9'.repeat(400) }, 'RecordingSeconds'),
    invalid('POST', input, 'Recording twice', { Recording: ['a', 'b'] }, 'Recording'),
    { ...invalid('POST', input, 'a JSON body whose Digits is an object', undefined, 'Digits'), ...json({ Digits: { toString: 1 } }) },
    { ...invalid('POST', input, 'a JSON body whose Speech is null', undefined, 'Speech'), ...json({ Speech: null }) },
    { ...invalid('POST', input, 'invalid JSON sent as application/json', undefined, 'JSON'), ...json('{"Digits":') },
    { ...invalid('POST', input, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
    invalid('POST', input, 'Speech to a Gather that takes only digits', { Speech: 'one' }, 'speech', 409, 89009),
    invalid('POST', input, 'a Recording to a Gather', { Recording: 'hello' }, 'recording', 409, 89009),
    invalid('POST', input, 'Speech of 100,000 characters to a Gather that takes only digits', { Speech: long(100_000) }, 'speech', 409, 89009),
    invalid('POST', '/emulator/v1/Calls/{CA}/Input', 'digits for a call that has ended', { Digits: '1' }, undefined, 409, 89009),
    invalid('POST', '/emulator/v1/Calls/{CA}/Hangup', 'hanging up a call that has ended', undefined, undefined, 409, 89009),
    invalid('POST', '/emulator/v1/Calls/{LIVE}/Answer', 'answering a call already answered', undefined, 'answer', 409, 89009),
    invalid('POST', '/emulator/v1/Calls/{LIVE}/Reject', 'rejecting a call already answered', undefined, 'answer', 409, 89009),
    invalid('GET', '/emulator/v1/Handsets/abc', 'a handset that is not a number', undefined, 'abc'),
    invalid('GET', `/emulator/v1/Handsets/${encodeURIComponent('+１５５５')}`, 'a handset in full-width digits', undefined, '+１５５５'),
    invalid('GET', `/emulator/v1/Handsets/%2B${'1'.repeat(20)}`, 'a handset of 20 digits', undefined, 'E.164'),
    invalid('GET', '/emulator/v1/Handsets/client:', 'a client with no name', undefined, 'client:'),
    notFound('GET', `/emulator/v1/Handsets/client:${'a'.repeat(257)}`, 'a client name of 257 characters, longer than any path segment'),
    invalid('GET', '/emulator/v1/Handsets/sip:nobody', 'a SIP address with no host', undefined, 'sip:nobody'),
    invalid('GET', '/emulator/v1/Handsets/%00', 'a handset of a null byte', undefined, 'E.164'),
    invalid('POST', '/emulator/v1/Handsets/abc', 'settings for a handset that is not a number', { AnswerMode: 'busy' }, 'abc'),
    invalid('POST', settings, 'AnswerMode=maybe', { AnswerMode: 'maybe' }, 'AnswerMode'),
    invalid('POST', settings, "AnswerMode=''", { AnswerMode: '' }, 'AnswerMode'),
    invalid('POST', settings, 'AnswerMode with a null byte', { AnswerMode: 'busy\0' }, 'AnswerMode'),
    invalid('POST', settings, 'AnswerMode twice', { AnswerMode: ['busy', 'auto'] }, 'AnswerMode'),
    invalid('POST', settings, 'AnswerDelay=-1', { AnswerDelay: '-1' }, 'AnswerDelay'),
    invalid('POST', settings, 'AnswerDelay=abc', { AnswerDelay: 'abc' }, 'AnswerDelay'),
    invalid('POST', settings, "AnswerDelay=''", { AnswerDelay: '' }, 'AnswerDelay'),
    invalid('POST', settings, 'AnswerDelay=1.5', { AnswerDelay: '1.5' }, 'AnswerDelay'),
    invalid('POST', settings, 'AnswerDelay=601', { AnswerDelay: '601' }, 'AnswerDelay'),
    invalid('POST', settings, 'AnswerDelay in full-width digits', { AnswerDelay: '５' }, 'AnswerDelay'),
    invalid('POST', settings, 'AnswerDelay of 400 digits', { AnswerDelay: '9'.repeat(400) }, 'AnswerDelay'),
    invalid('POST', settings, 'AnsweredBy=robot', { AnsweredBy: 'robot' }, 'AnsweredBy'),
    invalid('POST', settings, 'AnsweredBy=machine_end_beep', { AnsweredBy: 'machine_end_beep' }, 'AnsweredBy'),
    invalid('POST', settings, 'a good AnswerMode with a bad AnswerDelay', { AnswerMode: 'busy', AnswerDelay: 'abc' }, 'AnswerDelay'),
    invalid('POST', settings, 'a good AnswerMode with a bad AnsweredBy', { AnswerMode: 'busy', AnsweredBy: 'robot' }, 'AnsweredBy'),
    { ...invalid('POST', settings, 'a JSON body whose AnswerMode is an object', undefined, 'AnswerMode'), ...json({ AnswerMode: { toString: 1 } }) },
    { ...invalid('POST', settings, 'a body of 6 MB', undefined, undefined, 413, 89004), body: sixMegabytes, contentType: 'application/x-www-form-urlencoded' },
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });
});

describe('the flow webhook refuses unsigned, wrongly signed and misaddressed requests', () => {
  const webhook = '/v1/Accounts/{AC}/Flows/{FW}';
  const inbound = { MessageSid: 'SM' + '9'.repeat(32), AccountSid: accountSid, From: '+15550006666', To: platformNumber, Body: 'hi' };
  const signed = (url: string, params: Record<string, string>) => signedHeaders(url, params);
  const forbidden = (method: string, what: string, extra: Partial<GarbageCase>): GarbageCase => ({ what, method, path: webhook, status: 403, code: 89006, auth: null, ...extra });
  const cases: GarbageCase[] = [
    forbidden('POST', 'no X-Twilio-Signature', { form: inbound, names: 'X-Twilio-Signature' }),
    forbidden('GET', 'no X-Twilio-Signature', { names: 'X-Twilio-Signature' }),
    forbidden('POST', 'a garbage signature', { form: inbound, headers: () => ({ 'x-twilio-signature': 'garbage' }) }),
    forbidden('POST', 'an empty signature', { form: inbound, headers: () => ({ 'x-twilio-signature': '' }) }),
    forbidden('POST', 'a signature for another URL', { form: inbound, headers: (url, params) => signed(`${url}/elsewhere`, params) }),
    forbidden('POST', 'a signature over other parameters', { form: inbound, headers: (url, params) => signed(url, { ...params, Body: 'something else' }) }),
    forbidden('POST', 'a signature made with another auth token', {
      form: inbound,
      headers: (url, params) => ({ 'x-twilio-signature': signedHeaders(url, params)['x-twilio-signature'].split('').reverse().join('') }),
    }),
    forbidden('GET', 'a signature for another query', { headers: (url) => signed(`${url}?Body=x`, {}) }),
    forbidden('POST', 'the account credentials instead of a signature', { form: inbound, auth: basic(`${accountSid}:${authToken}`) }),
    { what: 'an unknown flow', method: 'POST', path: `/v1/Accounts/{AC}/Flows/${unknownFlow}`, form: inbound, auth: null, headers: signed, status: 404, code: 20404 },
    { what: 'an unknown flow', method: 'GET', path: `/v1/Accounts/{AC}/Flows/${unknownFlow}`, auth: null, status: 404, code: 20404 },
    { what: 'another account', method: 'POST', path: `/v1/Accounts/${otherAccount}/Flows/{FW}`, form: inbound, auth: null, headers: signed, status: 404, code: 20404 },
    { what: 'a malformed flow SID', method: 'POST', path: '/v1/Accounts/{AC}/Flows/%E2%98%83%00', form: inbound, auth: null, status: 404, code: 20404 },
    { what: 'a body of 6 MB', method: 'POST', path: webhook, body: sixMegabytes, contentType: 'application/x-www-form-urlencoded', auth: null, status: 413, code: 89004 },
    { what: 'invalid JSON sent as application/json', method: 'POST', path: webhook, ...json('{"MessageSid":'), auth: null, status: 400, code: 20001, names: 'JSON' },
    { what: 'a JSON body with an object value', method: 'POST', path: webhook, ...json({ ...inbound, Body: { toString: 1 } }), auth: null, status: 400, code: 20001, names: 'Body' },
    { what: 'binary bytes as application/octet-stream', method: 'POST', path: webhook, body: binary, contentType: 'application/octet-stream', auth: null, status: 415, code: 20001 },
  ];
  it.each(titled(cases))('%s', async (_, request) => {
    expectTwilioError(await send(request), request);
  });

  // The success path answers TwiML, not JSON: signed garbage is still a message the flow can take.
  const garbageInbound = { ...inbound, MessageSid: 'x', From: 'not a number \0 ☃', Body: long(5000) + '\0' };
  it.each(
    titled([
      { what: 'a signed inbound message full of garbage', method: 'POST', path: webhook, form: garbageInbound, auth: null, headers: signed, status: 200 },
      { what: 'a signed request that is not a message', method: 'POST', path: webhook, form: { Foo: '\0☃' }, auth: null, headers: signed, status: 200 },
      { what: 'a signed GET with a garbage query', method: 'GET', path: `${webhook}?MessageSid=x&From=%00%E2%98%83`, auth: null, headers: (url) => signed(url, {}), status: 200 },
    ]),
  )('%s answers empty TwiML', async (_, request) => {
    const response = await send(request);
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^text\/xml/);
    expect(response.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});

describe('requests that are not well-formed HTTP get Twilio errors too', () => {
  it('a %-escape that decodes to no character is a 400', async () => {
    expectTwilioError(await send({ what: '', method: 'GET', path: '/v2/Flows/%E0%A4%A', status: 400 }), { status: 400, code: 20001, names: '/v2/Flows/%E0%A4%A' });
  });

  it('a URL of 20,000 characters is a 431', async () => {
    expectTwilioError(await send({ what: '', method: 'GET', path: `/v2/Flows?FriendlyName=${'x'.repeat(20_000)}`, status: 431 }), { status: 431, code: 20001 });
  });

  it.each([
    ['binary bytes', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0d, 0x0a, 0x0d, 0x0a])],
    ['an unknown HTTP version', Buffer.from('GET /v2/Flows HTTP/7.3\r\nHost: x\r\n\r\n')],
    ['a Content-Length that is not a number', Buffer.from('POST /v2/Flows HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n')],
    ['a header with no colon', Buffer.from(`GET /v2/Flows HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n`)],
  ])('%s on the socket get a 400 and the connection closes', async (_, bytes) => {
    const port = new URL(server.url).port;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      socket.end(bytes);
    });
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toMatch(/content-type: application\/json/i);
    expectTwilioError({ status: 400, contentType: 'application/json', text: body }, { status: 400, code: 20001 });
  });
});

describe('after all the garbage', () => {
  it('the seeded flow, its revision and its test users are unchanged', async () => {
    expect((await api(server, 'GET', `/v2/Flows/${seeded.FW}`)).body).toEqual(created.flow);
    const revision = await api(server, 'GET', `/v2/Flows/${seeded.FW}/Revisions/LatestRevision`);
    expect(revision.body).toMatchObject({ revision: 1, definition: definition, commit_message: 'first' });
    expect((await api(server, 'GET', `/v2/Flows/${seeded.FW}/TestUsers`)).body).toEqual(created.testUsers);
    const flows = await api(server, 'GET', '/v2/Flows');
    expect(flows.body.flows.map((flow: { sid: string }) => flow.sid)).toEqual([seeded.FW]);
  });

  it('the seeded number is unchanged, and no other was bought', async () => {
    expect((await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers/${seeded.PN}.json`)).body).toEqual(created.number);
    const numbers = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`);
    expect(numbers.body.incoming_phone_numbers.map((number: { sid: string }) => number.sid)).toEqual([seeded.PN]);
  });

  it('the seeded execution, its context and its steps are unchanged', async () => {
    expect((await api(server, 'GET', `/v2/Flows/${seeded.FW}/Executions/${seeded.FN}`)).body).toEqual(created.execution);
    expect((await api(server, 'GET', `/v2/Flows/${seeded.FW}/Executions/${seeded.FN}/Context`)).body).toEqual(created.context);
    expect((await api(server, 'GET', `/v2/Flows/${seeded.FW}/Executions/${seeded.FN}/Steps`)).body).toEqual(created.steps);
  });

  it('the message the flow sent is still there, and no garbage message was sent', async () => {
    const message = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Messages/${seeded.SM}.json`);
    expect(message.body).toMatchObject({ sid: seeded.SM, to: handset, from: platformNumber, body: `Hello ${handset}` });
    const sent = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Messages.json?From=${encodeURIComponent(platformNumber)}`);
    expect(sent.body.messages.map((item: { sid: string }) => item.sid)).toEqual([seeded.SM]);
  });

  it('the virtual clock has not moved and still reads', async () => {
    expect((await api(server, 'GET', '/emulator/v1/Clock')).body).toEqual(created.clock);
  });

  it('the ended call, its events and its recording are unchanged, and the media still plays', async () => {
    expect((await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls/${seeded.CA}.json`)).body).toEqual(created.call);
    expect((await api(server, 'GET', `/emulator/v1/Calls/${seeded.CA}`)).body).toEqual(created.callEvents);
    expect((await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Recordings/${seeded.RE}.json`)).body).toEqual(created.recording);
    const media = await fetch(`${server.url}/2010-04-01/Accounts/${accountSid}/Recordings/${seeded.RE}`);
    expect(await media.text()).toBe('seeded recording');
    const recordings = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Recordings.json`);
    expect(recordings.body.recordings.map((recording: { sid: string }) => recording.sid)).toEqual([seeded.RE]);
  });

  it('the live call still waits in its Gather with nothing added, and no other call was placed', async () => {
    expect((await api(server, 'GET', `/emulator/v1/Calls/${seeded.LIVE}`)).body).toEqual(created.liveCall);
    const calls = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls.json`);
    expect(calls.body.calls.map((call: { sid: string }) => call.sid).sort()).toEqual([seeded.CA, seeded.LIVE].sort());
  });

  it('the handset keeps its settings', async () => {
    expect((await api(server, 'GET', `/emulator/v1/Handsets/${handset}`)).body).toEqual(created.handset);
    expect(created.handset).toEqual({ address: handset, answer_mode: 'auto', answer_delay: 0, answered_by: 'human' });
  });
});
