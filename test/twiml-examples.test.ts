import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { renderBin } from '../src/twiml/render-bin.ts';
import { validateTwiml } from '../src/twiml/validate-twiml.ts';
import { voiceSchema } from '../src/twiml/voice-schema.ts';
import { accountSid, api, testServer } from './support/test-server.ts';
import { twilioClient } from './support/twilio-client.ts';
import { emulator, heard, type CallEvent, type Emulator, type ListedCall } from './support/voice-harness.ts';

/**
 * The call-routing examples in examples/twiml/, read from disk as users see them, served as
 * TwiML Bins, and driven end to end through handsets on the virtual clock.
 */

const examplesFolder = join(import.meta.dirname, '..', 'examples', 'twiml');
const accounts = `/2010-04-01/Accounts/${accountSid}`;
const caller = '+15551230000';

let server: RunningServer;
let network: Emulator;
beforeEach(async () => {
  server = await testServer();
  network = emulator(server);
});
afterEach(() => server.close());

const example = (file: string) => readFile(join(examplesFolder, file), 'utf8');
/** The phone numbers a document dials, in order. */
const numbersIn = (xml: string) => [...xml.matchAll(/<Number>\s*([^<\s]+)\s*<\/Number>/g)].map((match) => match[1]);
const types = (events: CallEvent[]) => events.map((event) => event.type);
const listCalls = async (query: Record<string, string>): Promise<ListedCall[]> =>
  (await api(server, 'GET', `${accounts}/Calls.json?${new URLSearchParams(query)}`)).body.calls;
/** A <Dial>'s child legs, keyed by the number each one rang. */
const childLegs = async (parentSid: string) => Object.fromEntries((await network.childLegs(parentSid)).map((call) => [call.to, call]));

/** Serves an example file as a TwiML Bin and returns the Bin's URL. */
async function serveAsBin(file: string): Promise<string> {
  const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: file, Twiml: await example(file) });
  expect(bin.status).toBe(201);
  return bin.body.url;
}

/** Buys `number` with its VoiceUrl at the example's Bin. */
async function numberRunning(file: string, number: string): Promise<void> {
  const bought = await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: number, VoiceUrl: await serveAsBin(file) });
  expect(bought.status).toBe(201);
}

/** The test's caller calls `to`. */
const callFromHandset = (to: string) => network.call(caller, to);

describe('every example', () => {
  it.each<[string, Array<Record<string, string>>]>([
    ['simultaneous-ring.xml', [{}]],
    ['sequential-ring.xml', [{}, { DialCallStatus: 'no-answer' }]],
    ['redirect-loop.xml', [{}, { Digits: '2' }]],
    ['ring-everyone.xml', [{ ConfirmUrl: 'http://127.0.0.1:1/confirm' }]],
  ])('%s renders, for each request it answers, to TwiML with no warnings', async (file, requests) => {
    const xml = await example(file);
    for (const params of requests) expect(validateTwiml(renderBin(xml, params), voiceSchema).findings).toEqual([]);
  });
});

describe('simultaneous-ring.xml', () => {
  const number = '+15555550110';

  it('rings every number at once; the first to answer is connected and the others are canceled', async () => {
    const [first, second, third] = numbersIn(await example('simultaneous-ring.xml'));
    expect([first, second, third].every(Boolean)).toBe(true);
    await network.setHandset(first, { AnswerMode: 'no-answer' });
    await network.setHandset(second, { AnswerMode: 'auto', AnswerDelay: '5' });
    await network.setHandset(third, { AnswerMode: 'auto', AnswerDelay: '8' });
    await numberRunning('simultaneous-ring.xml', number);

    const call = await callFromHandset(number);
    expect(call.waiting_for).toBe('dial');
    expect(call.events.find((event) => event.type === 'dial')).toMatchObject({ to: [first, second, third], sequential: false });
    const ringing = await childLegs(call.sid);
    expect(Object.keys(ringing).sort()).toEqual([first, second, third].sort());
    expect(Object.values(ringing).map((leg) => [leg.status, leg.parent_call_sid])).toEqual(Array(3).fill(['ringing', call.sid]));

    await network.advance(5);
    const legs = await childLegs(call.sid);
    expect(legs[second].status).toBe('in-progress');
    expect(legs[first].status).toBe('canceled');
    expect(legs[third].status).toBe('canceled');
    const bridged = await network.fetchCall(call.sid);
    expect(bridged.waiting_for).toBe('bridge');
    expect(bridged.events.find((event) => event.type === 'bridged')).toMatchObject({ with: legs[second].sid });

    // The third handset would have answered at 8 s; its call was canceled at 5 s and stays so.
    await network.advance(10);
    const canceled = await network.fetchCall(legs[third].sid);
    expect(canceled.status).toBe('canceled');
    expect(types(canceled.events)).not.toContain('answered');

    // The agent hangs up: the bridge ends, and so does the call (nothing follows the Dial).
    await api(server, 'POST', `/emulator/v1/Calls/${legs[second].sid}/Hangup`);
    const ended = await network.fetchCall(call.sid);
    expect(ended.status).toBe('completed');
    expect(ended.events.find((event) => event.type === 'dial-ended')).toMatchObject({ status: 'completed', callSid: legs[second].sid });
    expect((await network.fetchCall(legs[second].sid)).status).toBe('completed');
  });

  it('connects whichever phone picks up first, by hand, and the late one cannot answer any more', async () => {
    const numbers = numbersIn(await example('simultaneous-ring.xml'));
    for (const agent of numbers) await network.setHandset(agent, { AnswerMode: 'manual' });
    await numberRunning('simultaneous-ring.xml', number);
    const call = await callFromHandset(number);
    const ringing = await childLegs(call.sid);

    const answered = await api(server, 'POST', `/emulator/v1/Calls/${ringing[numbers[2]].sid}/Answer`);
    expect(answered.status).toBe(200);
    const legs = await childLegs(call.sid);
    expect(Object.fromEntries(numbers.map((agent) => [agent, legs[agent].status]))).toEqual({
      [numbers[0]]: 'canceled',
      [numbers[1]]: 'canceled',
      [numbers[2]]: 'in-progress',
    });
    const late = await api(server, 'POST', `/emulator/v1/Calls/${ringing[numbers[0]].sid}/Answer`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe(89009);
    await api(server, 'POST', `/emulator/v1/Calls/${call.sid}/Hangup`);
    expect((await network.fetchCall(legs[numbers[2]].sid)).status).toBe('completed');
  });

  it('gives up after the Dial timeout when nobody answers', async () => {
    const numbers = numbersIn(await example('simultaneous-ring.xml'));
    for (const agent of numbers) await network.setHandset(agent, { AnswerMode: 'no-answer' });
    await numberRunning('simultaneous-ring.xml', number);
    const call = await callFromHandset(number);
    await network.advance(19);
    expect((await network.fetchCall(call.sid)).waiting_for).toBe('dial');
    await network.advance(1);
    const ended = await network.fetchCall(call.sid);
    expect(ended.status).toBe('completed');
    expect(ended.events.find((event) => event.type === 'dial-ended')).toMatchObject({ status: 'no-answer' });
    expect(Object.values(await childLegs(call.sid)).map((leg) => leg.status)).toEqual(['no-answer', 'no-answer', 'no-answer']);
  });
});

describe('sequential-ring.xml', () => {
  const number = '+15555550120';

  it('rings the second number after the first is busy, never rings the third, and reports DialCallStatus', async () => {
    const [first, second, third] = numbersIn(await example('sequential-ring.xml'));
    await network.setHandset(first, { AnswerMode: 'busy' });
    await network.setHandset(second, { AnswerMode: 'auto', AnswerDelay: '3' });
    await network.setHandset(third, { AnswerMode: 'auto' });
    await numberRunning('sequential-ring.xml', number);

    const call = await callFromHandset(number);
    expect(call.waiting_for).toBe('dial');
    expect(call.events.find((event) => event.type === 'dial')).toMatchObject({ to: [first, second, third], sequential: true });
    // The busy signal comes at once, so the second number is already ringing.
    let legs = await childLegs(call.sid);
    expect(legs[first].status).toBe('busy');
    expect(legs[second].status).toBe('ringing');
    await network.advance(3);
    legs = await childLegs(call.sid);
    expect(legs[second].status).toBe('in-progress');
    expect(legs[third]).toBeUndefined();

    await network.advance(60); // a minute's conversation
    await api(server, 'POST', `/emulator/v1/Calls/${legs[second].sid}/Hangup`);
    const ended = await network.fetchCall(call.sid);
    expect(ended.status).toBe('completed');
    expect(ended.events.find((event) => event.type === 'dial-ended')).toMatchObject({ status: 'completed', callSid: legs[second].sid });
    const action = ended.events.filter((event) => event.type === 'request').at(-1);
    expect(action?.url).toMatch(/\/twiml\/EH[0-9a-f]{32}\?after=dial$/);
    expect(heard(ended).at(-1)).toBe('The dial ended with status completed. Goodbye.');

    expect(Object.keys(await childLegs(call.sid)).sort()).toEqual([first, second].sort());
    expect(await listCalls({ To: third })).toEqual([]);
  });

  it('tries every number, each for the Dial timeout, and reports no-answer when nobody answers', async () => {
    const numbers = numbersIn(await example('sequential-ring.xml'));
    for (const agent of numbers) await network.setHandset(agent, { AnswerMode: 'no-answer' });
    await numberRunning('sequential-ring.xml', number);
    const call = await callFromHandset(number);
    for (const [index, agent] of numbers.entries()) {
      const legs = await childLegs(call.sid);
      expect(Object.keys(legs)).toHaveLength(index + 1);
      expect(legs[agent].status).toBe('ringing');
      await network.advance(15);
    }
    const ended = await network.fetchCall(call.sid);
    expect(ended.status).toBe('completed');
    expect(heard(ended).at(-1)).toBe('The dial ended with status no-answer. Goodbye.');
    expect(Object.values(await childLegs(call.sid)).map((leg) => leg.status)).toEqual(['no-answer', 'no-answer', 'no-answer']);
  });

  // Twilio reports `canceled` for a dialed leg canceled through the REST API (reference, "DialCallStatus values").
  it('reports DialCallStatus=canceled when the dialed leg is canceled through the REST API', async () => {
    const template = (await example('sequential-ring.xml')).replace(/(<Number>[^<]*<\/Number>\s*){2}(?=<\/Dial>)/, ''); // the first number only
    expect(numbersIn(template)).toHaveLength(1);
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'one number', Twiml: template });
    await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: number, VoiceUrl: bin.body.url });
    await network.setHandset(numbersIn(template)[0], { AnswerMode: 'no-answer' });
    const call = await callFromHandset(number);
    const [leg] = Object.values(await childLegs(call.sid));
    const canceled = await api(server, 'POST', `${accounts}/Calls/${leg.sid}.json`, { Status: 'canceled' });
    expect(canceled.body.status).toBe('canceled');
    const ended = await network.fetchCall(call.sid);
    expect(heard(ended).at(-1)).toBe('The dial ended with status canceled. Goodbye.');
  });
});

describe('redirect-loop.xml', () => {
  it('says sorry and starts the menu over on each timeout, twice, until a key press leaves the loop', async () => {
    const number = '+15555550130';
    await numberRunning('redirect-loop.xml', number);
    const menu = 'Main menu. Press 1 for sales or 2 for support.';
    const sorry = 'Sorry, I did not get that.';

    const call = await callFromHandset(number);
    expect(call.waiting_for).toBe('gather');
    expect(heard(call)).toEqual([menu]);
    await network.advance(5);
    await network.advance(5);
    const looping = await network.fetchCall(call.sid);
    expect(looping.waiting_for).toBe('gather');
    expect(heard(looping)).toEqual([menu, sorry, menu, sorry, menu]);
    expect(looping.events.filter((event) => event.type === 'redirect')).toHaveLength(2);
    // Each time round takes the Gather's 5 seconds on the virtual clock.
    const gathers = looping.events.filter((event) => event.type === 'gather').map((event) => Date.parse(event.at));
    expect(gathers.map((at) => (at - gathers[0]) / 1000)).toEqual([0, 5, 10]);

    const keyed = await api(server, 'POST', `/emulator/v1/Calls/${call.sid}/Input`, { Digits: '2' });
    expect(keyed.status).toBe(200);
    expect(keyed.body.status).toBe('completed');
    expect(heard(keyed.body)).toEqual([menu, sorry, menu, sorry, menu, 'You pressed 2. Goodbye.']);
    expect(keyed.body.events.filter((event: CallEvent) => event.type === 'redirect')).toHaveLength(2);
  });
});

type RingEveryone = (
  client: ReturnType<typeof twilioClient>,
  from: string,
  contacts: string[],
  twimlUrl: string,
  options?: { timeout?: number; maxAttempts?: number; onCall?: (call: { contact: string; callSid: string; attempt: number }) => void },
) => Promise<{ confirmed: string[]; gaveUp: string[]; attempts: Record<string, number> }>;

describe('ring-everyone.xml with ring-everyone.mjs', () => {
  const from = '+15555550140';
  const [ada, bob, cy] = ['+15555550141', '+15555550142', '+15555550143'];
  const loadDriver = async () =>
    ((await import(pathToFileURL(join(examplesFolder, 'ring-everyone.mjs')).href)) as { ringEveryone: RingEveryone }).ringEveryone;

  it('calls everyone, and calls again whoever did not answer or did not press 1, until all have confirmed', async () => {
    const ringEveryone = await loadDriver();
    await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: from });
    const twimlUrl = await serveAsBin('ring-everyone.xml');
    await network.setHandset(bob, { AnswerMode: 'no-answer' }); // Ada and Cy answer at once

    const placed: Array<{ contact: string; callSid: string; attempt: number }> = [];
    let firstRound!: () => void;
    const firstRoundPlaced = new Promise<void>((resolve) => (firstRound = resolve));
    const done = ringEveryone(twilioClient(server), from, [ada, bob, cy], twimlUrl, {
      timeout: 15,
      onCall: (call) => {
        placed.push(call);
        if (placed.length === 3) firstRound();
      },
    });
    await firstRoundPlaced;
    await network.advance(0);
    const latest = (contact: string) => placed.filter((call) => call.contact === contact).at(-1)!.callSid;

    // t=0: Ada and Cy hear the alert; Ada presses 1, Cy does nothing.
    const adaCall = await network.fetchCall(latest(ada));
    expect(adaCall.waiting_for).toBe('gather');
    expect(heard(adaCall)).toEqual([
      'This is an urgent alert from the on-call system. Everyone is needed on the incident bridge.',
      'Press 1 to confirm that you got this message.',
    ]);
    const confirmedAda = await api(server, 'POST', `/emulator/v1/Calls/${latest(ada)}/Input`, { Digits: '1' });
    expect(confirmedAda.body.status).toBe('completed');
    expect(heard(confirmedAda.body).at(-1)).toBe('Thank you. You are confirmed.');

    // t=5: Cy's Gather times out; the call ends unconfirmed and Cy is called again at once.
    const cyFirst = latest(cy);
    await network.advance(5);
    expect(heard(await network.fetchCall(cyFirst)).at(-1)).toBe('We did not hear from you, so we will call again.');
    expect(latest(cy)).not.toBe(cyFirst);
    expect((await network.fetchCall(latest(cy))).waiting_for).toBe('gather');
    await api(server, 'POST', `/emulator/v1/Calls/${latest(cy)}/Input`, { Digits: '1' });

    // t=15 and t=30: Bob's phone rings out twice; each time he is called again. Then he answers.
    await network.advance(10);
    expect(placed.filter((call) => call.contact === bob)).toHaveLength(2);
    await network.setHandset(bob, { AnswerMode: 'auto' });
    await network.advance(15);
    expect(placed.filter((call) => call.contact === bob)).toHaveLength(3);
    expect((await network.fetchCall(latest(bob))).waiting_for).toBe('gather');
    await api(server, 'POST', `/emulator/v1/Calls/${latest(bob)}/Input`, { Digits: '1' });

    expect(await done).toEqual({ confirmed: [ada, bob, cy], gaveUp: [], attempts: { [ada]: 1, [bob]: 3, [cy]: 2 } });
    const order = placed.map((call) => `${call.contact}#${call.attempt}`);
    expect(order.slice(0, 3).sort()).toEqual([`${ada}#1`, `${bob}#1`, `${cy}#1`]);
    expect(order.slice(3)).toEqual([`${cy}#2`, `${bob}#2`, `${bob}#3`]);
    // The Calls API shows Bob's three calls: two that rang out, one completed.
    const bobsCalls = await listCalls({ To: bob });
    expect(bobsCalls.map((call) => call.status).sort()).toEqual(['completed', 'no-answer', 'no-answer']);
    expect(bobsCalls.every((call) => call.parent_call_sid === null)).toBe(true);
  });

  it('gives up on a contact after maxAttempts calls', async () => {
    const ringEveryone = await loadDriver();
    await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: from });
    const twimlUrl = await serveAsBin('ring-everyone.xml');
    await network.setHandset(bob, { AnswerMode: 'busy' });
    let firstCall!: () => void;
    const firstCallPlaced = new Promise<void>((resolve) => (firstCall = resolve));
    const done = ringEveryone(twilioClient(server), from, [bob], twimlUrl, { maxAttempts: 2, onCall: () => firstCall() });
    await firstCallPlaced;
    await network.advance(0); // busy at once, called again, busy again
    expect(await done).toEqual({ confirmed: [], gaveUp: [bob], attempts: { [bob]: 2 } });
    expect((await listCalls({ To: bob })).map((call) => call.status)).toEqual(['busy', 'busy']);
  });
});
