import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numbersConnectCommand, numbersListCommand } from '../src/cli/numbers-command.ts';
import { seededSids } from '../src/runtime/sid-generator.ts';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { freePort } from './support/child-process.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';
import { buyNumber, emulator, heard, publishFlow, stepPath } from './support/voice-harness.ts';

/**
 * Issue 8's "done when", with two Switchboard servers on loopback: B is a plain emulator playing
 * Twilio; A runs its flows with the Twilio carrier pointed (TWILIO_API_BASE_URL) at B, with B's
 * account and auth token. B's numbers are connected to A's flows with `numbers connect`'s code.
 */
const texting = flowOf({ incomingRequest: 'ask', incomingMessage: 'ask' },
  widget('ask', 'send-and-wait-for-reply', { body: 'What is your name?', timeout: '600' }, { incomingMessage: 'thank', timeout: undefined, deliveryFailure: undefined }),
  widget('thank', 'send-message', { body: 'Thanks, {{widgets.ask.inbound.Body}}!' }, { sent: undefined, failed: undefined }));

const ivr = flowOf({ incomingCall: 'menu' },
  widget('menu', 'gather-input-on-call', { say: 'Press 1 for our hours', number_of_digits: 1, timeout: 5 }, { keypress: 'choice', speech: undefined, timeout: undefined }),
  widget('choice', 'split-based-on', { input: '{{widgets.menu.Digits}}' }, [
    { event: 'noMatch', next: 'menu' },
    { event: 'match', next: 'hours', conditions: [{ friendly_name: '1', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '1' }] },
  ]),
  widget('hours', 'say-play', { say: 'We are open nine to five' }, { audioComplete: undefined }));

const textNumber = '+15550910001';
const voiceNumber = '+15550910002';
const emulatorNumber = '+15550910003';
const handset = '+15550920001';

let b: RunningServer;
let a: RunningServer;
const logs: string[] = [];
/** The message statuses A's carrier heard through B's status callbacks. */
const statuses: string[] = [];
const env = () => ({ TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_API_BASE_URL: b.url });

beforeAll(async () => {
  b = await testServer();
  a = await testServer({
    sids: seededSids(22),
    logLevel: 'trace',
    logStream: { write: (line: string) => void logs.push(line) },
    twilio: { accountSid, username: accountSid, password: authToken, authToken, baseUrl: b.url },
  });
  a.context.twilioCarrier?.onMessageStatus((message) => void statuses.push(`${message.sid} ${message.status}`));
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

/** Connects one of B's numbers to a flow of A, as `switchboard numbers connect` does. */
async function connect(number: string, flow: string, channel: { voice?: boolean; sms?: boolean }) {
  const printed: string[] = [];
  const code = await numbersConnectCommand(number, { flow, server: a.url, ...channel }, { print: (line) => printed.push(line), env: env() });
  expect(code, printed.join('\n')).toBe(0);
  return printed;
}

async function textFromHandset(from: string, to: string, body: string) {
  const sent = await api(b, 'POST', `/emulator/v1/Handsets/${from}/Messages`, { To: to, Body: body });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  await b.context.network.idle();
}

/** What the handset was sent, with each message's status, sorted (the virtual clock gives them one time). */
async function inbox(number: string): Promise<string[]> {
  const messages: Array<{ body: string; direction: string; status: string }> = (await api(b, 'GET', `/emulator/v1/Handsets/${number}/Messages`)).body.messages;
  return messages.filter((message) => message.direction !== 'inbound').map((message) => `${message.body} (${message.status})`).sort();
}

/** The SID of the flow with this name on a server. */
async function flowNamed(server: RunningServer, name: string): Promise<string> {
  return (await api(server, 'GET', '/v2/Flows')).body.flows.find((flow: { friendly_name: string }) => flow.friendly_name === name).sid;
}

/** B's newest call to `number`. */
async function callTo(number: string): Promise<{ sid: string }> {
  return (await api(b, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls.json?To=${encodeURIComponent(number)}`)).body.calls[0];
}

describe('A runs its flows on B through the Twilio carrier', () => {
  it('texts a handset on B, and the reply comes back to A through B\'s signed webhook and resumes the flow', async () => {
    const { flowSid } = await publishFlow(a, texting, 'texting');
    await buyNumber(b, textNumber);
    expect(await connect(textNumber, 'texting', { sms: true })).toEqual([
      `${textNumber} now sends messages to flow "texting" (${flowSid}) at ${a.url}/v1/Accounts/${accountSid}/Flows/${flowSid}`,
    ]);

    const started = await api(a, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: handset, From: textNumber });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await b.context.network.idle();
    expect(await inbox(handset)).toEqual(['What is your name? (delivered)']);

    await textFromHandset(handset, textNumber, 'Ada');
    expect(await inbox(handset)).toEqual(['Thanks, Ada! (delivered)', 'What is your name? (delivered)']);
    const { status, path, execution } = await stepPath(a, flowSid);
    expect(status).toBe('ended');
    expect(path).toEqual(['Trigger -incomingRequest-> ask', 'ask -incomingMessage-> thank', 'thank -sent-> Ended']);
    // What the flow saw of the sent message is B's answer: B's SID and status.
    const context = (await api(a, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Context`)).body.context;
    const sentOnB = (await api(b, 'GET', `/2010-04-01/Accounts/${accountSid}/Messages.json?To=${encodeURIComponent(handset)}`)).body.messages;
    expect(sentOnB.map((message: { sid: string }) => message.sid)).toContain(context.widgets.ask.outbound.Sid);
    expect(context.widgets.ask.inbound).toMatchObject({ Body: 'Ada', From: handset, To: textNumber });
    expect(statuses).toEqual(expect.arrayContaining([`${context.widgets.ask.outbound.Sid} sent`, `${context.widgets.ask.outbound.Sid} delivered`]));
  });

  it('serves a recording made on a call on B through A\'s Recordings API, its audio where B keeps it', async () => {
    const recorder = await farSide((_request, response) => response.writeHead(200, { 'content-type': 'text/xml' }).end('<Response><Record maxLength="30"/></Response>'));
    try {
      const number = '+15550910005';
      await buyNumber(b, number, { VoiceUrl: `${recorder.url}/record` });
      const call = await emulator(b).call(handset, number);
      await emulator(b).input(call.sid, { Recording: 'Call me back' });
      await b.context.voice.idle();
      const [recording] = (await api(b, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}/Recordings.json`)).body.recordings;
      const path = `/2010-04-01/Accounts/${accountSid}/Recordings/${recording.sid}`;

      const onA = await api(a, 'GET', `${path}.json`);
      expect(onA.status, JSON.stringify(onA.body)).toBe(200);
      expect(onA.body).toMatchObject({ sid: recording.sid, call_sid: call.sid, status: 'completed', media_url: `${b.url}${path}`, uri: `${path}.json` });
      const audio = await fetch(`${a.url}${path}.wav`, { redirect: 'manual' });
      expect([audio.status, audio.headers.get('location')]).toEqual([302, `${b.url}${path}.wav`]);
      expect(await (await fetch(`${a.url}${path}.wav`)).text()).toBe('Call me back');
      const unknown = await api(a, 'GET', `/2010-04-01/Accounts/${accountSid}/Recordings/RE${'0'.repeat(32)}.json`);
      expect([unknown.status, unknown.body.code]).toEqual([404, 20404]);
    } finally {
      await recorder.close();
    }
  });

  it('a call from a handset on B to a number connected to A runs A\'s IVR; a hangup mid-menu ends the execution through the status callback', async () => {
    const { flowSid } = await publishFlow(a, ivr, 'ivr');
    await buyNumber(b, voiceNumber);
    await connect(voiceNumber, flowSid, { voice: true });
    const network = emulator(b);

    const call = await network.call(handset, voiceNumber);
    expect(heard(call)).toEqual(['Press 1 for our hours']);
    const keyed = await network.input(call.sid, { Digits: '1' });
    expect(heard(keyed)).toEqual(['Press 1 for our hours', 'We are open nine to five']);
    expect(keyed.status).toBe('completed');
    expect((await stepPath(a, flowSid)).path).toEqual(['Trigger -incomingCall-> menu', 'menu -keypress-> choice', 'choice -match-> hours', 'hours -audioComplete-> Ended']);

    const second = await network.call(handset, voiceNumber);
    await network.hangup(second.sid);
    await b.context.voice.idle();
    const hungUp = await stepPath(a, flowSid);
    expect(hungUp.status).toBe('ended');
    expect(hungUp.path).toEqual(['Trigger -incomingCall-> menu', 'menu -hangup-> Ended']);
  });

  it('a flow on A calls a handset on B: answered, it speaks on the call; busy, the status callback A forwards to the widget says so', async () => {
    const { flowSid } = await publishFlow(a, flowOf({ incomingRequest: 'call' },
      widget('call', 'make-outgoing-call-v2', { timeout: 20 }, { answered: 'tell', busy: undefined, noAnswer: undefined, failed: undefined }),
      widget('tell', 'say-play', { say: 'Your order is ready' }, { audioComplete: undefined })), 'caller');
    const callee = '+15550920003';
    const network = emulator(b);

    expect((await api(a, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: callee, From: voiceNumber })).status).toBe(201);
    await b.context.voice.idle();
    const answered = await stepPath(a, flowSid);
    expect(answered.path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> tell', 'tell -audioComplete-> Ended']);
    expect(heard(await network.fetchCall((await callTo(callee)).sid))).toEqual(['Your order is ready']);

    await network.setHandset(callee, { AnswerMode: 'busy' });
    expect((await api(a, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: callee, From: voiceNumber })).status).toBe(201);
    await b.context.voice.idle();
    expect((await stepPath(a, flowSid)).path).toEqual(['Trigger -incomingRequest-> call', 'call -busy-> Ended']);
  });

  it('refuses a forged webhook with 403 and a log line naming the URL it checked', async () => {
    const { flowSid } = await publishFlow(a, texting, 'forged');
    const path = `/v1/Accounts/${accountSid}/Flows/${flowSid}`;
    const response = await fetch(`${a.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' },
      body: new URLSearchParams({ From: handset, To: textNumber, Body: 'hi', MessageSid: 'SM' + '0'.repeat(32), AccountSid: accountSid }),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe(89006);
    const line = logs.map((text) => JSON.parse(text)).find((entry) => entry.msg?.startsWith('webhook refused (403)'));
    expect(line).toMatchObject({ level: 40, url: `${a.url}${path}` });
    expect(line.msg).toContain('--public-url');
    expect((await api(a, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions).toEqual([]);
  });

  it('the same flows take the same steps on B\'s own emulator', async () => {
    const { flowSid, webhook } = await publishFlow(b, texting, 'texting on the emulator');
    await buyNumber(b, emulatorNumber, { SmsUrl: webhook });
    const contact = '+15550920002';
    expect((await api(b, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: contact, From: emulatorNumber })).status).toBe(201);
    await b.context.network.idle();
    await textFromHandset(contact, emulatorNumber, 'Ada');
    expect(await inbox(contact)).toEqual(['Thanks, Ada! (delivered)', 'What is your name? (delivered)']);
    expect((await stepPath(b, flowSid)).path).toEqual((await stepPath(a, await flowNamed(a, 'texting'))).path);

    const voice = await publishFlow(b, ivr, 'ivr on the emulator');
    await buyNumber(b, '+15550910004', { VoiceUrl: voice.webhook });
    const network = emulator(b);
    const call = await network.call(contact, '+15550910004');
    await network.input(call.sid, { Digits: '1' });
    const onA = await api(a, 'GET', `/v2/Flows/${await flowNamed(a, 'ivr')}/Executions`);
    const firstOnA = onA.body.executions.at(-1).sid;
    expect((await stepPath(b, voice.flowSid)).path).toEqual((await stepPath(a, await flowNamed(a, 'ivr'), firstOnA)).path);
  });

  it('numbers list shows where each of B\'s numbers points, by flow name', async () => {
    const printed: string[] = [];
    expect(await numbersListCommand({ server: a.url }, { print: (line) => printed.push(line), env: env() })).toBe(0);
    expect(printed).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^\\${textNumber}  voice: nowhere  sms: flow "texting" \\(FW`)),
      expect.stringMatching(new RegExp(`^\\${voiceNumber}  voice: flow "ivr" \\(FW[0-9a-f]+\\)  sms: nowhere$`)),
      expect.stringMatching(new RegExp(`^\\${emulatorNumber}  voice: nowhere  sms: ${b.url}/v1/Accounts/`)),
    ]));
  });

  it('numbers connect says why it cannot: an unknown number, a flow that is not there, wrong credentials, no network', async () => {
    const attempt = async (number: string, flow: string, changes: Record<string, string> = {}) => {
      const printed: string[] = [];
      const code = await numbersConnectCommand(number, { flow, server: a.url }, { print: (line) => printed.push(line), env: { ...env(), ...changes } });
      return { code, printed: printed.join('\n') };
    };
    expect(await attempt('+15550919999', 'texting')).toEqual({ code: 1, printed: `+15550919999 is not a number of account ${accountSid}; \`switchboard numbers list\` shows its numbers` });
    expect(await attempt(textNumber, 'no such flow')).toEqual({ code: 1, printed: `no flow is named "no such flow" on ${a.url}` });
    expect(await attempt('12', 'texting')).toMatchObject({ code: 1, printed: expect.stringContaining('12 is not an E.164 number') });
    const wrongToken = await attempt(textNumber, 'texting', { TWILIO_AUTH_TOKEN: 'e'.repeat(32), TWILIO_API_BASE_URL: b.url });
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.printed).toContain(`flow texting could not be read from the Switchboard server at ${a.url}: it refused the credentials`);
    let refusedOutput = '';
    expect(await numbersListCommand({ server: a.url }, { print: (line) => (refusedOutput += line), env: { ...env(), TWILIO_AUTH_TOKEN: 'e'.repeat(32) } })).toBe(1);
    expect(refusedOutput).toContain('Twilio refused the credentials; check TWILIO_ACCOUNT_SID');
    const closed = await freePort();
    let offlineOutput = '';
    const offline = await numbersListCommand({ server: a.url }, { print: (line) => (offlineOutput += line), env: { ...env(), TWILIO_API_BASE_URL: `http://127.0.0.1:${closed}` } });
    expect(offline).toBe(1);
    expect(offlineOutput).toContain(`The carrier could not be reached: 127.0.0.1:${closed}`);
  });

  it('a message Twilio refuses takes the flow down send-message\'s failed transition with Twilio\'s code', async () => {
    const { flowSid } = await publishFlow(a, flowOf({ incomingRequest: 'send' },
      widget('send', 'send-message', { body: 'hello' }, { sent: undefined, failed: 'sorry' }),
      widget('sorry', 'set-variables', { variables: [] }, { next: undefined })), 'refused');
    const started = await api(a, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: handset, From: '+15550919999' });
    expect(started.status).toBe(201);
    const { path, execution } = await stepPath(a, flowSid);
    expect(path).toEqual(['Trigger -incomingRequest-> send', 'send -failed-> sorry', 'sorry -next-> Ended']);
    const context = (await api(a, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Context`)).body.context;
    expect(JSON.stringify(context.widgets.send)).toContain('21606');
  });

  it('never writes the auth token into a log line or an execution context', async () => {
    expect(logs.length).toBeGreaterThan(0);
    // Every callback B signed passed A's check: the forged request is the only one refused.
    expect(logs.filter((line) => JSON.parse(line).level >= 40)).toHaveLength(1);
    expect(logs.join('\n')).not.toContain(authToken);
    for (const flow of (await api(a, 'GET', '/v2/Flows')).body.flows) {
      for (const execution of (await api(a, 'GET', `/v2/Flows/${flow.sid}/Executions`)).body.executions) {
        const context = await api(a, 'GET', `/v2/Flows/${flow.sid}/Executions/${execution.sid}/Context`);
        expect(JSON.stringify(context.body)).not.toContain(authToken);
      }
    }
  });
});
