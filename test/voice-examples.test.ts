import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ivrExampleNumber, type RunningServer } from '../src/server/server.ts';
import { accountSid, api, testServer } from './support/test-server.ts';
import { emulator, heard, stepPath, type Emulator } from './support/voice-harness.ts';

/** The voice examples, loaded as a first start loads them, driven end to end through handsets. */
let server: RunningServer;
let network: Emulator;
const shop = '+15555550199';

beforeAll(async () => {
  server = await testServer({ examples: true });
  network = emulator(server);
});
afterAll(() => server.close());

async function flowSid(name: string): Promise<string> {
  const flows = (await api(server, 'GET', '/v2/Flows')).body.flows;
  return flows.find((flow: { friendly_name: string }) => flow.friendly_name === name).sid;
}
/** The step path of the named example's newest execution. */
const lastPath = async (name: string) => stepPath(server, await flowSid(name));

describe('examples/pizza-ivr.json', () => {
  it('plays the special, loops on a bad choice, and takes a voicemail', async () => {
    const call = await network.call('+15550900001', ivrExampleNumber);
    expect(heard(call)).toEqual(['Thanks for calling Switchboard Pizza.', "Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop."]);
    expect(heard(await network.input(call.sid, { Digits: '1' })).slice(2)).toEqual(["Today's special is a large margherita for ten dollars.", "Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop."]);
    expect(heard(await network.input(call.sid, { Digits: '9' })).slice(4)).toEqual(['Sorry, that is not one of the choices.', "Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop."]);
    const recording = await network.input(call.sid, { Digits: '2' });
    expect(recording.waiting_for).toBe('record');
    const done = await network.input(call.sid, { Recording: 'This is Ada, one large margherita please, call me on 555 0100', RecordingSeconds: '7' });
    expect(heard(done).at(-1)).toBe('Thank you, we will call you back soon.');
    expect(done.status).toBe('completed');
    const { status, path } = await lastPath('pizza-ivr');
    expect(status).toBe('ended');
    expect(path).toEqual([
      'Trigger -incomingCall-> welcome', 'welcome -audioComplete-> menu', 'menu -keypress-> route', 'route -match-> special', 'special -audioComplete-> menu',
      'menu -keypress-> route', 'route -noMatch-> bad_choice', 'bad_choice -audioComplete-> count_try', 'count_try -next-> too_many', 'too_many -noMatch-> menu',
      'menu -keypress-> route', 'route -match-> before_message', 'before_message -audioComplete-> voicemail', 'voicemail -recordingComplete-> thanks', 'thanks -audioComplete-> Ended',
    ]);
    const recordings = (await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}/Recordings.json`)).body.recordings;
    expect(recordings[0].duration).toBe('7');
  });

  it('transfers to the shop with connect-call-to, and says goodbye once the shop hangs up', async () => {
    await network.setHandset(shop, { AnswerMode: 'auto', AnswerDelay: '2' });
    const call = await network.call('+15550900002', ivrExampleNumber);
    expect((await network.input(call.sid, { Digits: '3' })).waiting_for).toBe('dial');
    await network.advance(2);
    const legs = await network.childLegs(call.sid);
    expect(legs[0]).toMatchObject({ to: shop, status: 'in-progress' });
    await network.advance(30);
    await network.hangup(legs[0].sid);
    const after = await network.fetchCall(call.sid);
    expect(heard(after).at(-1)).toBe('Goodbye.');
    expect((await lastPath('pizza-ivr')).path.slice(-3)).toEqual(['transfer -callCompleted-> after_transfer', 'after_transfer -match-> goodbye', 'goodbye -audioComplete-> Ended']);
  });
});

describe('examples/reminder-call.json', () => {
  const start = async (to: string) =>
    api(server, 'POST', `/v2/Flows/${await flowSid('reminder-call')}/Executions`, { To: to, From: ivrExampleNumber, Parameters: JSON.stringify({ name: 'Ada', date: 'Friday at 3 pm' }) });
  const callTo = async (to: string) => (await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls.json?To=${encodeURIComponent(to)}`)).body.calls[0];

  it('asks a person to confirm, who presses 1', async () => {
    const person = '+15550900011';
    expect((await start(person)).status).toBe(201);
    await network.advance(0);
    const call = await network.fetchCall((await callTo(person)).sid);
    expect(heard(call)).toEqual(['Hello Ada, this is a reminder of your appointment on Friday at 3 pm. Press 1 to confirm or 2 to cancel.']);
    expect(heard(await network.input(call.sid, { Digits: '1' })).at(-1)).toBe('Thank you, your appointment is confirmed. Goodbye.');
    expect((await lastPath('reminder-call')).path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> who_answered', 'who_answered -match-> ask', 'ask -keypress-> answer', 'answer -match-> confirmed', 'confirmed -audioComplete-> Ended']);
  });

  it('leaves a message on an answering machine', async () => {
    const machine = '+15550900012';
    await network.setHandset(machine, { AnsweredBy: 'machine_start' });
    await start(machine);
    await network.advance(0);
    const call = await network.fetchCall((await callTo(machine)).sid);
    expect(call.answered_by).toBe('machine_start');
    expect(heard(call)).toEqual(['Hello Ada, this is a reminder of your appointment on Friday at 3 pm. Please call us if you need to change it.']);
    expect((await lastPath('reminder-call')).path.slice(1, 3)).toEqual(['call -answered-> who_answered', 'who_answered -noMatch-> leave_message']);
  });

  it('texts a customer who does not answer', async () => {
    const away = '+15550900013';
    await network.setHandset(away, { AnswerMode: 'no-answer' });
    await start(away);
    await network.advance(30);
    const texts = (await api(server, 'GET', `/emulator/v1/Handsets/${away}/Messages`)).body.messages;
    expect(texts.at(-1).body).toBe('Reminder: your appointment is on Friday at 3 pm. Reply or call us to change it.');
    expect((await lastPath('reminder-call')).path).toEqual(['Trigger -incomingRequest-> call', 'call -noAnswer-> text_instead', 'text_instead -sent-> Ended']);
  });
});
