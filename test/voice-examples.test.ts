import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ivrExampleNumber, type RunningServer } from '../src/server/server.ts';
import { accountSid, api, testServer } from './support/test-server.ts';

/** The voice examples, loaded as a first start loads them, driven end to end through handsets. */
let server: RunningServer;
const shop = '+15555550199';

beforeAll(async () => {
  server = await testServer({ examples: true });
});
afterAll(() => server.close());

const heard = (call: { events: Array<{ type: string; text?: string }> }) => call.events.filter((event) => event.type === 'say').map((event) => event.text);
const input = async (sid: string, form: Record<string, string>) => (await api(server, 'POST', `/emulator/v1/Calls/${sid}/Input`, form)).body;
async function flowSid(name: string): Promise<string> {
  const flows = (await api(server, 'GET', '/v2/Flows')).body.flows;
  return flows.find((flow: { friendly_name: string }) => flow.friendly_name === name).sid;
}
async function lastPath(name: string) {
  const sid = await flowSid(name);
  const execution = (await api(server, 'GET', `/v2/Flows/${sid}/Executions`)).body.executions[0];
  const steps = (await api(server, 'GET', `/v2/Flows/${sid}/Executions/${execution.sid}/Steps`)).body.steps;
  return { status: execution.status, path: steps.map((step: { transitioned_from: string; name: string; transitioned_to: string }) => `${step.transitioned_from} -${step.name}-> ${step.transitioned_to}`) };
}

describe('examples/pizza-ivr.json', () => {
  it('plays the special, loops on a bad choice, and takes a voicemail', async () => {
    const call = (await api(server, 'POST', '/emulator/v1/Handsets/+15550900001/Calls', { To: ivrExampleNumber })).body;
    expect(heard(call)).toEqual(['Thanks for calling Switchboard Pizza.', "Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop."]);
    expect(heard(await input(call.sid, { Digits: '1' })).slice(2)).toEqual(["Today's special is a large margherita for ten dollars.", "Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop."]);
    expect(heard(await input(call.sid, { Digits: '9' })).slice(4)).toEqual(['Sorry, that is not one of the choices.', "Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop."]);
    const recording = await input(call.sid, { Digits: '2' });
    expect(recording.waiting_for).toBe('record');
    const done = await input(call.sid, { Recording: 'This is Ada, one large margherita please, call me on 555 0100', RecordingSeconds: '7' });
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
    await api(server, 'POST', `/emulator/v1/Handsets/${shop}`, { AnswerMode: 'auto', AnswerDelay: '2' });
    const call = (await api(server, 'POST', '/emulator/v1/Handsets/+15550900002/Calls', { To: ivrExampleNumber })).body;
    expect((await input(call.sid, { Digits: '3' })).waiting_for).toBe('dial');
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '2' });
    const legs = (await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Calls.json?ParentCallSid=${call.sid}`)).body.calls;
    expect(legs[0]).toMatchObject({ to: shop, status: 'in-progress' });
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '30' });
    await api(server, 'POST', `/emulator/v1/Calls/${legs[0].sid}/Hangup`);
    const after = (await api(server, 'GET', `/emulator/v1/Calls/${call.sid}`)).body;
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
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    const call = (await api(server, 'GET', `/emulator/v1/Calls/${(await callTo(person)).sid}`)).body;
    expect(heard(call)).toEqual(['Hello Ada, this is a reminder of your appointment on Friday at 3 pm. Press 1 to confirm or 2 to cancel.']);
    expect(heard(await input(call.sid, { Digits: '1' })).at(-1)).toBe('Thank you, your appointment is confirmed. Goodbye.');
    expect((await lastPath('reminder-call')).path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> who_answered', 'who_answered -match-> ask', 'ask -keypress-> answer', 'answer -match-> confirmed', 'confirmed -audioComplete-> Ended']);
  });

  it('leaves a message on an answering machine', async () => {
    const machine = '+15550900012';
    await api(server, 'POST', `/emulator/v1/Handsets/${machine}`, { AnsweredBy: 'machine_start' });
    await start(machine);
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '0' });
    const call = (await api(server, 'GET', `/emulator/v1/Calls/${(await callTo(machine)).sid}`)).body;
    expect(call.answered_by).toBe('machine_start');
    expect(heard(call)).toEqual(['Hello Ada, this is a reminder of your appointment on Friday at 3 pm. Please call us if you need to change it.']);
    expect((await lastPath('reminder-call')).path.slice(1, 3)).toEqual(['call -answered-> who_answered', 'who_answered -noMatch-> leave_message']);
  });

  it('texts a customer who does not answer', async () => {
    const away = '+15550900013';
    await api(server, 'POST', `/emulator/v1/Handsets/${away}`, { AnswerMode: 'no-answer' });
    await start(away);
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '30' });
    const texts = (await api(server, 'GET', `/emulator/v1/Handsets/${away}/Messages`)).body.messages;
    expect(texts.at(-1).body).toBe('Reminder: your appointment is on Friday at 3 pm. Reply or call us to change it.');
    expect((await lastPath('reminder-call')).path).toEqual(['Trigger -incomingRequest-> call', 'call -noAnswer-> text_instead', 'text_instead -sent-> Ended']);
  });
});
