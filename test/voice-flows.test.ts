import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../src/flow/definition.ts';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { farSide } from './support/far-side.ts';
import { api, testServer } from './support/test-server.ts';
import { buyNumber, emulator, heard, publishFlow, stepPath, voiceFlowNumber, type Emulator } from './support/voice-harness.ts';

/** Studio voice flows over the local voice network: a handset calls a number whose VoiceUrl is a flow. */
let server: RunningServer;
let network: Emulator;
let nextNumber = 100;
const caller = '+15550500000';

beforeAll(async () => {
  server = await testServer();
  network = emulator(server);
});
afterAll(() => server.close());

/** Publishes a flow and buys a fresh number pointed at its webhook. */
const flowNumber = (definition: FlowDefinition) => voiceFlowNumber(server, definition, { number: `+1555060${nextNumber++}` });

describe('say-play and gather-input-on-call', () => {
  it('a caller hears the greeting, keys a choice, hears the answer, and the execution ends', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'greet' },
        widget('greet', 'say-play', { say: 'Welcome {{trigger.call.From}}', voice: 'Polly.Amy', language: 'en-GB' }, { audioComplete: 'menu' }),
        widget('menu', 'gather-input-on-call', { say: 'Press 1 or 2', number_of_digits: 1, timeout: 5 }, { keypress: 'choice', speech: 'choice', timeout: 'menu' }),
        widget('choice', 'split-based-on', { input: '{{widgets.menu.Digits}}' }, [
          { event: 'noMatch', next: 'menu' },
          { event: 'match', next: 'one', conditions: [{ friendly_name: '1', arguments: ['{{widgets.menu.Digits}}'], type: 'equal_to', value: '1' }] },
        ]),
        widget('one', 'say-play', { say: 'You chose one' }, { audioComplete: undefined })),
    );
    const call = await network.call(caller, number);
    expect(heard(call)).toEqual([`Welcome ${caller}`, 'Press 1 or 2']);
    expect(call.waiting_for).toBe('gather');
    const keyed = await network.input(call.sid, { Digits: '1' });
    expect(heard(keyed).at(-1)).toBe('You chose one');
    expect(keyed.status).toBe('completed');
    const { execution, path } = await stepPath(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(path).toEqual(['Trigger -incomingCall-> greet', 'greet -audioComplete-> menu', 'menu -keypress-> choice', 'choice -match-> one', 'one -audioComplete-> Ended']);
  });

  it('a gather that times out takes its timeout transition; a hangup ends the execution', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'menu' },
        widget('menu', 'gather-input-on-call', { say: 'Anyone there?', timeout: 3 }, { keypress: undefined, speech: undefined, timeout: 'menu' })),
    );
    const call = await network.call(caller, number);
    await network.advance(3);
    expect(heard(await network.fetchCall(call.sid))).toEqual(['Anyone there?', 'Anyone there?']);
    await network.hangup(call.sid);
    const { execution, path } = await stepPath(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(path).toEqual(['Trigger -incomingCall-> menu', 'menu -timeout-> menu', 'menu -hangup-> Ended']);
  });

  it('a widget reached by a timer, not by the call, is heard: the flow redirects the call to it', async () => {
    const elsewhere = await farSide((_request, response) => response.writeHead(200, { 'content-type': 'text/xml' }).end('<Response><Say>hold on</Say><Pause length="3600"/></Response>'));
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'away' },
        widget('away', 'add-twiml-redirect', { url: `${elsewhere.url}/hold`, method: 'POST', timeout: '30' }, { return: undefined, timeout: 'sorry', fail: undefined }),
        widget('sorry', 'say-play', { say: 'Sorry for the wait' }, { audioComplete: undefined })),
    );
    const call = await network.call(caller, number);
    expect(heard(call)).toEqual(['hold on']);
    await network.advance(30);
    const after = await network.fetchCall(call.sid);
    expect(heard(after)).toEqual(['hold on', 'Sorry for the wait']);
    expect(after.status).toBe('completed');
    expect((await stepPath(server, flowSid)).path).toEqual(['Trigger -incomingCall-> away', 'away -timeout-> sorry', 'sorry -audioComplete-> Ended']);
    await elsewhere.close();
  });

  it('send-message during a call texts the caller from the called number, and the call goes on', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'text' },
        widget('text', 'send-message', { body: 'Here is the link we promised: https://example.com/menu' }, { sent: 'bye', failed: undefined }),
        widget('bye', 'say-play', { say: 'We just texted you the menu' }, { audioComplete: undefined })),
    );
    const call = await network.call(caller, number);
    expect(heard(call)).toEqual(['We just texted you the menu']);
    await network.advance(0);
    const inbox = (await api(server, 'GET', `/emulator/v1/Handsets/${caller}/Messages`)).body.messages;
    expect(inbox.at(-1)).toMatchObject({ from: number, to: caller, body: 'Here is the link we promised: https://example.com/menu' });
    expect((await stepPath(server, flowSid)).path).toEqual(['Trigger -incomingCall-> text', 'text -sent-> bye', 'bye -audioComplete-> Ended']);
  });

  it('a voice widget reached in an SMS execution ends it with a clear reason', async () => {
    const { flowSid, webhook } = await publishFlow(server, flowOf({ incomingMessage: 'speak' }, widget('speak', 'say-play', { say: 'hello' }, { audioComplete: undefined })), 'sms to voice');
    const number = await buyNumber(server, `+1555060${nextNumber++}`, { SmsUrl: webhook });
    await api(server, 'POST', `/emulator/v1/Handsets/${caller}/Messages`, { To: number, Body: 'hi' });
    const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
    expect(executions[0].status).toBe('ended');
    const context = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${executions[0].sid}/Context`)).body;
    expect(JSON.stringify(context)).not.toContain('hello');
  });
});
