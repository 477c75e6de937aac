import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../src/flow/definition.ts';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { accountSid, api, signedHeaders, testServer } from './support/test-server.ts';
import { buyNumber, emulator, executionOf, heard, publishFlow, voiceFlowNumber, type Emulator } from './support/voice-harness.ts';

/**
 * record-voicemail, record-call, connect-call-to, enqueue-call and send-to-flex, end to end: a
 * handset calls a number whose VoiceUrl is the flow, and other handsets answer what it dials.
 */
let server: RunningServer;
let network: Emulator;
let nextNumber = 100;
let nextHandset = 100;
const accounts = `/2010-04-01/Accounts/${accountSid}`;

beforeAll(async () => {
  server = await testServer();
  network = emulator(server);
});
afterAll(() => server.close());

/** Publishes a flow and buys a fresh number pointed at its webhook. */
const flowNumber = (definition: FlowDefinition) => voiceFlowNumber(server, definition, { number: `+1555070${nextNumber++}`, friendlyName: 'voice widgets' });
/** A handset number no test has used, so that its answer settings start fresh. */
const handset = () => `+1555081${String(nextHandset++).padStart(4, '0')}`;
/** The step path of the flow's only execution. */
const pathOf = async (flowSid: string): Promise<string[]> => (await executionOf(server, flowSid)).path;

describe('record-voicemail', () => {
  const voicemail = (transitions: Record<string, string | undefined>, properties: Record<string, unknown> = {}) =>
    flowOf({ incomingCall: 'greet' },
      widget('greet', 'say-play', { say: 'Leave a message' }, { audioComplete: 'record' }),
      widget('record', 'record-voicemail', { timeout: 3, max_length: 60, finish_on_key: '#', play_beep: 'true', trim: 'trim-silence', ...properties }, transitions),
      widget('thanks', 'say-play', { say: 'Got it: {{widgets.record.RecordingDuration}} seconds' }, { audioComplete: undefined }),
      widget('silence', 'say-play', { say: 'You said nothing' }, { audioComplete: undefined }));

  it('records a message, whose RecordingUrl serves it, then goes on with recordingComplete', async () => {
    const { number, flowSid } = await flowNumber(voicemail({ recordingComplete: 'thanks', noAudio: 'silence', hangup: undefined }));
    const placed = await network.call(handset(), number);
    expect(heard(placed)).toEqual(['Leave a message']);
    expect(placed.waiting_for).toBe('record');
    expect(placed.events.some((event) => event.type === 'beep')).toBe(true);
    const recorded = await network.input(placed.sid, { Recording: 'Call me back about the invoice', RecordingSeconds: '4' });
    expect(heard(recorded).at(-1)).toBe('Got it: 4 seconds');
    expect(recorded.status).toBe('completed');

    const { execution, path, widgets } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(path).toEqual(['Trigger -incomingCall-> greet', 'greet -audioComplete-> record', 'record -recordingComplete-> thanks', 'thanks -audioComplete-> Ended']);
    expect(widgets.record).toMatchObject({ RecordingDuration: '4', RecordingSid: expect.stringMatching(/^RE[0-9a-f]{32}$/), CallSid: placed.sid, From: expect.any(String) });
    expect(widgets.record.Event).toBeUndefined();
    const media = await fetch(String(widgets.record.RecordingUrl));
    expect(media.status).toBe(200);
    expect(await media.text()).toBe('Call me back about the invoice');
  });

  it('silence until the timeout is noAudio', async () => {
    const { number, flowSid } = await flowNumber(voicemail({ recordingComplete: 'thanks', noAudio: 'silence', hangup: undefined }));
    const placed = await network.call(handset(), number);
    await network.advance(3);
    const after = await network.fetchCall(placed.sid);
    expect(heard(after).at(-1)).toBe('You said nothing');
    expect(after.status).toBe('completed');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> greet', 'greet -audioComplete-> record', 'record -noAudio-> silence', 'silence -audioComplete-> Ended']);
    expect((await executionOf(server, flowSid)).execution.status).toBe('ended');
  });

  it('the caller hanging up during the recording is hangup', async () => {
    const { number, flowSid } = await flowNumber(voicemail({ recordingComplete: 'thanks', noAudio: 'silence', hangup: undefined }, { timeout: 0 }));
    const placed = await network.call(handset(), number);
    expect(placed.waiting_for).toBe('record');
    await network.hangup(placed.sid);
    const { execution } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> greet', 'greet -audioComplete-> record', 'record -hangup-> Ended']);
  });

  it('a Record action with Digits=hangup (the caller hung up after speaking) is hangup, with the recording', async () => {
    const { number, flowSid } = await flowNumber(voicemail({ recordingComplete: 'thanks', noAudio: 'silence', hangup: undefined }));
    const placed = await network.call(handset(), number);
    const action = String(placed.events.find((event) => event.type === 'record')?.action);
    expect(action).toContain('/Widgets/record/Callback');
    // The handset's Recording input ends a <Record> at once, so Twilio's request is made here as Twilio makes it.
    const params = { CallSid: placed.sid, CallStatus: 'completed', AccountSid: accountSid, RecordingUrl: 'https://example.com/RE1', RecordingDuration: '3', RecordingSid: 'RE' + '1'.repeat(32), Digits: 'hangup' };
    const response = await fetch(action, { method: 'POST', headers: signedHeaders(action, params), body: new URLSearchParams(params) });
    expect(response.status).toBe(200);
    await network.hangup(placed.sid);
    const { execution, widgets } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> greet', 'greet -audioComplete-> record', 'record -hangup-> Ended']);
    expect(widgets.record).toMatchObject({ Digits: 'hangup', RecordingDuration: '3', RecordingUrl: 'https://example.com/RE1' });
  });
});

describe('record-call', () => {
  it('starts and stops recording the call; the Recording is listed by the Recordings API', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'start' },
        widget('start', 'record-call', { record_call: true, recording_status_callback: '' }, { success: 'menu', failed: 'oops' }),
        widget('menu', 'gather-input-on-call', { say: 'Press a key', timeout: 10, number_of_digits: 1 }, { keypress: 'stop', speech: 'stop', timeout: 'stop' }),
        widget('stop', 'record-call', { record_call: false }, { success: 'bye', failed: 'oops' }),
        widget('bye', 'say-play', { say: 'Recorded {{widgets.stop.Duration}} seconds' }, { audioComplete: undefined }),
        widget('oops', 'say-play', { say: 'Recording failed' }, { audioComplete: undefined })),
    );
    const placed = await network.call(handset(), number);
    expect(placed.waiting_for).toBe('gather');
    await network.advance(4);
    const done = await network.input(placed.sid, { Digits: '1' });
    expect(heard(done)).toEqual(['Press a key', 'Recorded 4 seconds']);

    const { execution, widgets } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> start', 'start -success-> menu', 'menu -keypress-> stop', 'stop -success-> bye', 'bye -audioComplete-> Ended']);
    expect(widgets.start).toMatchObject({ Sid: expect.stringMatching(/^RE/), CallSid: placed.sid, Status: 'in-progress' });
    expect(widgets.stop).toMatchObject({ Sid: widgets.start.Sid, CallSid: placed.sid, Status: 'completed', Duration: '4' });
    const listed = (await api(server, 'GET', `${accounts}/Recordings.json`)).body.recordings;
    expect(listed.find((recording: { sid: string }) => recording.sid === widgets.stop.Sid)).toMatchObject({ call_sid: placed.sid, duration: '4', status: 'completed' });
  });

  it('stopping a recording that was never started is failed, with the carrier\'s error', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'stop' },
        widget('stop', 'record-call', { record_call: false }, { success: undefined, failed: 'oops' }),
        widget('oops', 'say-play', { say: 'Recording failed' }, { audioComplete: undefined })),
    );
    const placed = await network.call(handset(), number);
    expect(heard(placed)).toEqual(['Recording failed']);
    const { widgets } = await executionOf(server, flowSid);
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> stop', 'stop -failed-> oops', 'oops -audioComplete-> Ended']);
    expect(widgets.stop.error).toMatchObject({ code: 21220 });
  });
});

describe('connect-call-to', () => {
  const connectFlow = (to: string, noun = 'number') =>
    flowOf({ incomingCall: 'connect' },
      widget('connect', 'connect-call-to', { noun, to, caller_id: '{{contact.channel.address}}', timeout: 20, record: false }, { callCompleted: 'after', hangup: undefined }),
      widget('after', 'say-play', { say: 'The call ended: {{widgets.connect.DialCallStatus}}' }, { audioComplete: undefined }));

  it('bridges the caller to a handset that answers; the agent hanging up is callCompleted', async () => {
    const agent = handset();
    const { number, flowSid } = await flowNumber(connectFlow(agent));
    const caller = handset();
    const placed = await network.call(caller, number);
    // The handset answers at once, so the caller is bridged by the time the call is placed.
    expect(placed.waiting_for).toBe('bridge');
    const [leg] = await network.childLegs(placed.sid);
    expect(leg).toMatchObject({ to: agent, status: 'in-progress' });
    await network.advance(7);
    await network.hangup(leg.sid);
    const after = await network.fetchCall(placed.sid);
    expect(heard(after)).toEqual(['The call ended: completed']);
    expect(after.status).toBe('completed');
    const { execution, widgets } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -callCompleted-> after', 'after -audioComplete-> Ended']);
    expect(widgets.connect).toMatchObject({ DialCallStatus: 'completed', DialCallSid: leg.sid, DialCallDuration: '7', CallSid: placed.sid, CallStatus: 'in-progress', From: caller });
  });

  it('a busy handset is callCompleted with DialCallStatus busy', async () => {
    const agent = handset();
    await network.setHandset(agent, { AnswerMode: 'busy' });
    const { number, flowSid } = await flowNumber(connectFlow(agent));
    const placed = await network.call(handset(), number);
    await network.advance(0);
    const after = await network.fetchCall(placed.sid);
    expect(heard(after)).toEqual(['The call ended: busy']);
    expect(after.status).toBe('completed');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -callCompleted-> after', 'after -audioComplete-> Ended']);
    expect((await executionOf(server, flowSid)).widgets.connect).toMatchObject({ DialCallStatus: 'busy' });
  });

  it('number-multi rings every number at once; the first to answer wins', async () => {
    const slow = handset();
    const fast = handset();
    await network.setHandset(slow, { AnswerDelay: '6' });
    await network.setHandset(fast, { AnswerDelay: '2' });
    const { number, flowSid } = await flowNumber(connectFlow(` ${slow}, ${fast} `, 'number-multi'));
    const placed = await network.call(handset(), number);
    expect(placed.waiting_for).toBe('dial');
    expect(placed.events.find((event) => event.type === 'dial')).toMatchObject({ to: [slow, fast], sequential: false });
    await network.advance(2);
    expect((await network.fetchCall(placed.sid)).waiting_for).toBe('bridge');
    const legs = await network.childLegs(placed.sid);
    const winner = legs.find((leg) => leg.to === fast);
    expect(legs.find((leg) => leg.to === slow)?.status).toBe('canceled');
    expect(winner?.status).toBe('in-progress');
    await network.hangup(winner!.sid);
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -callCompleted-> after', 'after -audioComplete-> Ended']);
    expect((await executionOf(server, flowSid)).widgets.connect).toMatchObject({ DialCallStatus: 'completed', DialCallSid: winner!.sid });
  });

  it('the caller hanging up during the bridge is hangup and ends the execution', async () => {
    const agent = handset();
    const { number, flowSid } = await flowNumber(connectFlow(agent));
    const placed = await network.call(handset(), number);
    await network.advance(0);
    expect((await network.fetchCall(placed.sid)).waiting_for).toBe('bridge');
    await network.hangup(placed.sid);
    const { execution } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -hangup-> Ended']);
    const [leg] = await network.childLegs(placed.sid);
    expect(leg.status).toBe('completed');
  });

  it('writes the Dial each noun asks for', async () => {
    const requests: string[] = [];
    for (const [noun, to] of [['client', 'alice'], ['conference', 'standup'], ['sip', 'sip:bob@example.com']]) {
      const { number, flowSid } = await flowNumber(connectFlow(to, noun));
      const placed = await network.call(handset(), number);
      requests.push(placed.events.filter((event) => event.type === 'dial').map((event) => JSON.stringify(event.to ?? event.conference)).join());
      await network.hangup(placed.sid);
      expect((await executionOf(server, flowSid)).execution.status).toBe('ended');
    }
    expect(requests).toEqual(['["client:alice"]', '"standup"', '["sip:bob@example.com"]']);
  });
});

describe('enqueue-call', () => {
  const agentNumber = async (queue: string) => {
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'agent', Twiml: `<Response><Dial><Queue>${queue}</Queue></Dial></Response>` });
    return buyNumber(server, `+1555070${nextNumber++}`, { VoiceUrl: bin.body.url });
  };

  it('the caller waits in the queue until an agent dials it; the agent hanging up is callComplete with QueueResult bridged', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'queue' },
        widget('queue', 'enqueue-call', { queue_name: 'support-{{trigger.call.CallSid}}' }, { callComplete: 'after', failedToEnqueue: undefined, callFailure: undefined }),
        widget('after', 'say-play', { say: 'Result {{widgets.queue.QueueResult}}' }, { audioComplete: undefined })),
    );
    const placed = await network.call(handset(), number);
    expect(placed.waiting_for).toBe('queue');
    const queueName = placed.events.find((event) => event.type === 'enqueue')?.queue as string;
    expect(queueName).toBe(`support-${placed.sid}`);
    await network.advance(5);
    const agent = await network.call(handset(), await agentNumber(queueName));
    expect(agent.waiting_for).toBe('bridge');
    expect((await network.fetchCall(placed.sid)).waiting_for).toBe('bridge');
    await network.hangup(agent.sid);
    const after = await network.fetchCall(placed.sid);
    expect(heard(after)).toEqual(['Result bridged']);
    const { execution, widgets } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> queue', 'queue -callComplete-> after', 'after -audioComplete-> Ended']);
    expect(widgets.queue).toMatchObject({ QueueResult: 'bridged', QueueSid: expect.stringMatching(/^QU/), QueueTime: '5', CallSid: placed.sid });
  });

  it('a workflow enqueues into a queue named after the workflow SID, with the task', async () => {
    const workflow = 'WW' + 'a'.repeat(32);
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'queue' },
        widget('queue', 'enqueue-call', { workflow_sid: workflow, task_attributes: '{"from":"{{trigger.call.From}}"}', priority: 5, timeout: 60 }, { callComplete: undefined })),
    );
    const placed = await network.call(handset(), number);
    expect(placed.events.find((event) => event.type === 'enqueue')).toMatchObject({ queue: workflow });
    const agent = await network.call(handset(), await agentNumber(workflow));
    await network.hangup(agent.sid);
    expect((await executionOf(server, flowSid)).widgets.queue).toMatchObject({ QueueResult: 'bridged' });
    expect((await network.fetchCall(placed.sid)).status).toBe('completed');
  });

  it('a queue name Twilio refuses is failedToEnqueue', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'queue' },
        widget('queue', 'enqueue-call', { queue_name: 'x'.repeat(65) }, { callComplete: undefined, failedToEnqueue: 'sorry' }),
        widget('sorry', 'say-play', { say: 'Could not queue you' }, { audioComplete: undefined })),
    );
    const placed = await network.call(handset(), number);
    expect(heard(placed)).toEqual(['Could not queue you']);
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> queue', 'queue -failedToEnqueue-> sorry', 'sorry -audioComplete-> Ended']);
    expect((await executionOf(server, flowSid)).widgets.queue).toMatchObject({ QueueResult: 'error', error: { code: 20001 } });
  });
});

describe('send-to-flex', () => {
  const workflow = 'WW' + 'b'.repeat(32);
  const channel = 'TC' + 'c'.repeat(32);

  it('a call waits in the workflow\'s queue, which an agent can take', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'flex' },
        widget('flex', 'send-to-flex', { workflow, channel, attributes: '{"type":"inbound"}', priority: '0', timeout: '3600' }, { callComplete: undefined, failedToEnqueue: undefined, callFailure: undefined })),
    );
    const placed = await network.call(handset(), number);
    expect(placed.events.find((event) => event.type === 'enqueue')).toMatchObject({ queue: workflow });
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'flex agent', Twiml: `<Response><Dial><Queue>${workflow}</Queue></Dial></Response>` });
    const support = await buyNumber(server, `+1555070${nextNumber++}`, { VoiceUrl: bin.body.url });
    const agent = await network.call(handset(), support);
    await network.hangup(agent.sid);
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> flex', 'flex -callComplete-> Ended']);
    expect((await executionOf(server, flowSid)).widgets.flex).toMatchObject({ QueueResult: 'bridged' });
  });

  it('a message hands the conversation to Flex: the execution ends there with the task', async () => {
    const { flowSid, webhook } = await publishFlow(
      server,
      flowOf({ incomingMessage: 'flex' },
        widget('flex', 'send-to-flex', { workflow, channel, attributes: '{"name":"{{trigger.message.From}}"}', priority: '3', timeout: '600' }, { callComplete: 'after' }),
        widget('after', 'send-message', { body: 'not reached' }, { sent: undefined })),
      'sms to flex',
    );
    const number = await buyNumber(server, `+1555070${nextNumber++}`, { SmsUrl: webhook });
    const from = handset();
    await api(server, 'POST', `/emulator/v1/Handsets/${from}/Messages`, { To: number, Body: 'help' });
    const { execution, widgets } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingMessage-> flex', 'flex -callComplete-> Ended']);
    expect(widgets.flex).toMatchObject({ sid: expect.stringMatching(/^WT[0-9a-f]{32}$/), attributes: `{"name":"${from}"}`, priority: 3, channel, workflow });
    // Flex is not emulated: the task waits where the emulator shows it.
    const tasks = (await api(server, 'GET', `/emulator/v1/FlexTasks?Workflow=${workflow}`)).body.tasks;
    expect(tasks.at(-1)).toMatchObject({ sid: widgets.flex.sid, workflow_sid: workflow, task_channel_unique_name: channel, attributes: `{"name":"${from}"}`, contact: from, execution_sid: execution.sid, assignment_status: 'pending' });
    expect((await api(server, 'GET', '/emulator/v1/FlexTasks', undefined, 'AC' + '0'.repeat(32) + ':nope')).status).toBe(401);
  });
});

describe('a caller hanging up in each widget', () => {
  it.each([
    ['record-voicemail', { timeout: 10 }, 'record', ['recordingComplete', 'noAudio', 'hangup']],
    ['connect-call-to', { noun: 'number', to: '+15550999001' }, 'dial', ['callCompleted', 'hangup']],
    ['enqueue-call', { queue_name: 'nobody-answers' }, 'queue', ['callComplete', 'failedToEnqueue', 'callFailure']],
    ['send-to-flex', { workflow: 'WW' + 'd'.repeat(32), channel: 'TC' + 'e'.repeat(32) }, 'queue', ['callComplete', 'failedToEnqueue', 'callFailure']],
  ] as const)('%s leaves no active execution', async (type, properties, waitingFor, events) => {
    if (type === 'connect-call-to') await network.setHandset('+15550999001', { AnswerMode: 'no-answer' });
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'widget' },
        widget('widget', type, properties, Object.fromEntries(events.map((event) => [event, 'after']))),
        widget('after', 'say-play', { say: 'still here?' }, { audioComplete: undefined })),
    );
    const placed = await network.call(handset(), number);
    expect(placed.waiting_for).toBe(waitingFor);
    await network.hangup(placed.sid);
    const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
    expect(executions.map((execution: { status: string }) => execution.status)).toEqual(['ended']);
    expect((await network.fetchCall(placed.sid)).status).toBe('completed');
  });
});
