import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../src/flow/definition.ts';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { accountSid, api, signedHeaders, testServer } from './support/test-server.ts';

/**
 * record-voicemail, record-call, connect-call-to, enqueue-call and send-to-flex, end to end: a
 * handset calls a number whose VoiceUrl is the flow, and other handsets answer what it dials.
 */
let server: RunningServer;
let nextNumber = 100;
let nextHandset = 100;
const accounts = `/2010-04-01/Accounts/${accountSid}`;

beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

type CallBody = { sid: string; status: string; waiting_for: string | null; events: Array<{ type: string; text?: string; [key: string]: unknown }> };

/** Publishes a flow and buys a number pointed at its webhook. */
async function flowNumber(definition: FlowDefinition): Promise<{ number: string; flowSid: string }> {
  const flow = await api(server, 'POST', '/v2/Flows', { FriendlyName: 'voice widgets', Status: 'published', Definition: JSON.stringify(definition) });
  expect(flow.status).toBe(201);
  const number = `+1555070${nextNumber++}`;
  await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: number, VoiceUrl: flow.body.webhook_url });
  return { number, flowSid: flow.body.sid };
}
/** A handset number no test has used, so that its answer settings start fresh. */
const handset = () => `+1555081${String(nextHandset++).padStart(4, '0')}`;
const call = async (to: string, from = handset()): Promise<CallBody> => (await api(server, 'POST', `/emulator/v1/Handsets/${from}/Calls`, { To: to })).body;
const fetchCall = async (sid: string): Promise<CallBody> => (await api(server, 'GET', `/emulator/v1/Calls/${sid}`)).body;
const hangup = async (sid: string): Promise<CallBody> => (await api(server, 'POST', `/emulator/v1/Calls/${sid}/Hangup`)).body;
const input = async (sid: string, form: Record<string, string>): Promise<CallBody> => (await api(server, 'POST', `/emulator/v1/Calls/${sid}/Input`, form)).body;
const advance = (seconds: number) => api(server, 'POST', '/emulator/v1/Clock', { Advance: String(seconds) });
const answerMode = (number: string, settings: Record<string, string>) => api(server, 'POST', `/emulator/v1/Handsets/${number}`, settings);
const said = (body: CallBody) => body.events.filter((event) => event.type === 'say').map((event) => event.text);
const childLegs = async (parent: string): Promise<Array<{ sid: string; to: string; status: string }>> =>
  (await api(server, 'GET', `${accounts}/Calls.json?ParentCallSid=${parent}`)).body.calls;

/** The flow's only execution, its step path and its widgets' outputs. */
async function executionOf(flowSid: string) {
  const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
  expect(executions).toHaveLength(1);
  const execution = executions[0];
  const steps = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Steps`)).body.steps;
  const context = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions/${execution.sid}/Context`)).body.context;
  return {
    execution,
    widgets: context.widgets as Record<string, Record<string, unknown>>,
    path: steps.map((step: { transitioned_from: string; name: string; transitioned_to: string }) => `${step.transitioned_from} -${step.name}-> ${step.transitioned_to}`),
  };
}
const pathOf = async (flowSid: string): Promise<string[]> => (await executionOf(flowSid)).path;

describe('record-voicemail', () => {
  const voicemail = (transitions: Record<string, string | undefined>, properties: Record<string, unknown> = {}) =>
    flowOf({ incomingCall: 'greet' },
      widget('greet', 'say-play', { say: 'Leave a message' }, { audioComplete: 'record' }),
      widget('record', 'record-voicemail', { timeout: 3, max_length: 60, finish_on_key: '#', play_beep: 'true', trim: 'trim-silence', ...properties }, transitions),
      widget('thanks', 'say-play', { say: 'Got it: {{widgets.record.RecordingDuration}} seconds' }, { audioComplete: undefined }),
      widget('silence', 'say-play', { say: 'You said nothing' }, { audioComplete: undefined }));

  it('records a message, whose RecordingUrl serves it, then goes on with recordingComplete', async () => {
    const { number, flowSid } = await flowNumber(voicemail({ recordingComplete: 'thanks', noAudio: 'silence', hangup: undefined }));
    const placed = await call(number);
    expect(said(placed)).toEqual(['Leave a message']);
    expect(placed.waiting_for).toBe('record');
    expect(placed.events.some((event) => event.type === 'beep')).toBe(true);
    const recorded = await input(placed.sid, { Recording: 'Call me back about the invoice', RecordingSeconds: '4' });
    expect(said(recorded).at(-1)).toBe('Got it: 4 seconds');
    expect(recorded.status).toBe('completed');

    const { execution, path, widgets } = await executionOf(flowSid);
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
    const placed = await call(number);
    await advance(3);
    const after = await fetchCall(placed.sid);
    expect(said(after).at(-1)).toBe('You said nothing');
    expect(after.status).toBe('completed');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> greet', 'greet -audioComplete-> record', 'record -noAudio-> silence', 'silence -audioComplete-> Ended']);
    expect((await executionOf(flowSid)).execution.status).toBe('ended');
  });

  it('the caller hanging up during the recording is hangup', async () => {
    const { number, flowSid } = await flowNumber(voicemail({ recordingComplete: 'thanks', noAudio: 'silence', hangup: undefined }, { timeout: 0 }));
    const placed = await call(number);
    expect(placed.waiting_for).toBe('record');
    await hangup(placed.sid);
    const { execution } = await executionOf(flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> greet', 'greet -audioComplete-> record', 'record -hangup-> Ended']);
  });

  it('a Record action with Digits=hangup (the caller hung up after speaking) is hangup, with the recording', async () => {
    const { number, flowSid } = await flowNumber(voicemail({ recordingComplete: 'thanks', noAudio: 'silence', hangup: undefined }));
    const placed = await call(number);
    const action = String(placed.events.find((event) => event.type === 'record')?.action);
    expect(action).toContain('/Widgets/record/Callback');
    // The handset's Recording input ends a <Record> at once, so Twilio's request is made here as Twilio makes it.
    const params = { CallSid: placed.sid, CallStatus: 'completed', AccountSid: accountSid, RecordingUrl: 'https://example.com/RE1', RecordingDuration: '3', RecordingSid: 'RE' + '1'.repeat(32), Digits: 'hangup' };
    const response = await fetch(action, { method: 'POST', headers: signedHeaders(action, params), body: new URLSearchParams(params) });
    expect(response.status).toBe(200);
    await hangup(placed.sid);
    const { execution, widgets } = await executionOf(flowSid);
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
    const placed = await call(number);
    expect(placed.waiting_for).toBe('gather');
    await advance(4);
    const done = await input(placed.sid, { Digits: '1' });
    expect(said(done)).toEqual(['Press a key', 'Recorded 4 seconds']);

    const { execution, widgets } = await executionOf(flowSid);
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
    const placed = await call(number);
    expect(said(placed)).toEqual(['Recording failed']);
    const { widgets } = await executionOf(flowSid);
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
    const placed = await call(number, caller);
    // The handset answers at once, so the caller is bridged by the time the call is placed.
    expect(placed.waiting_for).toBe('bridge');
    const [leg] = await childLegs(placed.sid);
    expect(leg).toMatchObject({ to: agent, status: 'in-progress' });
    await advance(7);
    await hangup(leg.sid);
    const after = await fetchCall(placed.sid);
    expect(said(after)).toEqual(['The call ended: completed']);
    expect(after.status).toBe('completed');
    const { execution, widgets } = await executionOf(flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -callCompleted-> after', 'after -audioComplete-> Ended']);
    expect(widgets.connect).toMatchObject({ DialCallStatus: 'completed', DialCallSid: leg.sid, DialCallDuration: '7', CallSid: placed.sid, CallStatus: 'in-progress', From: caller });
  });

  it('a busy handset is callCompleted with DialCallStatus busy', async () => {
    const agent = handset();
    await answerMode(agent, { AnswerMode: 'busy' });
    const { number, flowSid } = await flowNumber(connectFlow(agent));
    const placed = await call(number);
    await advance(0);
    const after = await fetchCall(placed.sid);
    expect(said(after)).toEqual(['The call ended: busy']);
    expect(after.status).toBe('completed');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -callCompleted-> after', 'after -audioComplete-> Ended']);
    expect((await executionOf(flowSid)).widgets.connect).toMatchObject({ DialCallStatus: 'busy' });
  });

  it('number-multi rings every number at once; the first to answer wins', async () => {
    const slow = handset();
    const fast = handset();
    await answerMode(slow, { AnswerDelay: '6' });
    await answerMode(fast, { AnswerDelay: '2' });
    const { number, flowSid } = await flowNumber(connectFlow(` ${slow}, ${fast} `, 'number-multi'));
    const placed = await call(number);
    expect(placed.waiting_for).toBe('dial');
    expect(placed.events.find((event) => event.type === 'dial')).toMatchObject({ to: [slow, fast], sequential: false });
    await advance(2);
    expect((await fetchCall(placed.sid)).waiting_for).toBe('bridge');
    const legs = await childLegs(placed.sid);
    const winner = legs.find((leg) => leg.to === fast);
    expect(legs.find((leg) => leg.to === slow)?.status).toBe('canceled');
    expect(winner?.status).toBe('in-progress');
    await hangup(winner!.sid);
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -callCompleted-> after', 'after -audioComplete-> Ended']);
    expect((await executionOf(flowSid)).widgets.connect).toMatchObject({ DialCallStatus: 'completed', DialCallSid: winner!.sid });
  });

  it('the caller hanging up during the bridge is hangup and ends the execution', async () => {
    const agent = handset();
    const { number, flowSid } = await flowNumber(connectFlow(agent));
    const placed = await call(number);
    await advance(0);
    expect((await fetchCall(placed.sid)).waiting_for).toBe('bridge');
    await hangup(placed.sid);
    const { execution } = await executionOf(flowSid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> connect', 'connect -hangup-> Ended']);
    const [leg] = await childLegs(placed.sid);
    expect(leg.status).toBe('completed');
  });

  it('writes the Dial each noun asks for', async () => {
    const requests: string[] = [];
    for (const [noun, to] of [['client', 'alice'], ['conference', 'standup'], ['sip', 'sip:bob@example.com']]) {
      const { number, flowSid } = await flowNumber(connectFlow(to, noun));
      const placed = await call(number);
      requests.push(placed.events.filter((event) => event.type === 'dial').map((event) => JSON.stringify(event.to ?? event.conference)).join());
      await hangup(placed.sid);
      expect((await executionOf(flowSid)).execution.status).toBe('ended');
    }
    expect(requests).toEqual(['["client:alice"]', '"standup"', '["sip:bob@example.com"]']);
  });
});

describe('enqueue-call', () => {
  const agentNumber = async (queue: string) => {
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'agent', Twiml: `<Response><Dial><Queue>${queue}</Queue></Dial></Response>` });
    const support = `+1555070${nextNumber++}`;
    await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: support, VoiceUrl: bin.body.url });
    return support;
  };

  it('the caller waits in the queue until an agent dials it; the agent hanging up is callComplete with QueueResult bridged', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'queue' },
        widget('queue', 'enqueue-call', { queue_name: 'support-{{trigger.call.CallSid}}' }, { callComplete: 'after', failedToEnqueue: undefined, callFailure: undefined }),
        widget('after', 'say-play', { say: 'Result {{widgets.queue.QueueResult}}' }, { audioComplete: undefined })),
    );
    const placed = await call(number);
    expect(placed.waiting_for).toBe('queue');
    const queueName = placed.events.find((event) => event.type === 'enqueue')?.queue as string;
    expect(queueName).toBe(`support-${placed.sid}`);
    await advance(5);
    const agent = await call(await agentNumber(queueName));
    expect(agent.waiting_for).toBe('bridge');
    expect((await fetchCall(placed.sid)).waiting_for).toBe('bridge');
    await hangup(agent.sid);
    const after = await fetchCall(placed.sid);
    expect(said(after)).toEqual(['Result bridged']);
    const { execution, widgets } = await executionOf(flowSid);
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
    const placed = await call(number);
    expect(placed.events.find((event) => event.type === 'enqueue')).toMatchObject({ queue: workflow });
    const agent = await call(await agentNumber(workflow));
    await hangup(agent.sid);
    expect((await executionOf(flowSid)).widgets.queue).toMatchObject({ QueueResult: 'bridged' });
    expect((await fetchCall(placed.sid)).status).toBe('completed');
  });

  it('a queue name Twilio refuses is failedToEnqueue', async () => {
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'queue' },
        widget('queue', 'enqueue-call', { queue_name: 'x'.repeat(65) }, { callComplete: undefined, failedToEnqueue: 'sorry' }),
        widget('sorry', 'say-play', { say: 'Could not queue you' }, { audioComplete: undefined })),
    );
    const placed = await call(number);
    expect(said(placed)).toEqual(['Could not queue you']);
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> queue', 'queue -failedToEnqueue-> sorry', 'sorry -audioComplete-> Ended']);
    expect((await executionOf(flowSid)).widgets.queue).toMatchObject({ QueueResult: 'error', error: { code: 20001 } });
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
    const placed = await call(number);
    expect(placed.events.find((event) => event.type === 'enqueue')).toMatchObject({ queue: workflow });
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'flex agent', Twiml: `<Response><Dial><Queue>${workflow}</Queue></Dial></Response>` });
    const support = `+1555070${nextNumber++}`;
    await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: support, VoiceUrl: bin.body.url });
    const agent = await call(support);
    await hangup(agent.sid);
    expect(await pathOf(flowSid)).toEqual(['Trigger -incomingCall-> flex', 'flex -callComplete-> Ended']);
    expect((await executionOf(flowSid)).widgets.flex).toMatchObject({ QueueResult: 'bridged' });
  });

  it('a message hands the conversation to Flex: the execution ends there with the task', async () => {
    const flow = await api(server, 'POST', '/v2/Flows', {
      FriendlyName: 'sms to flex',
      Status: 'published',
      Definition: JSON.stringify(
        flowOf({ incomingMessage: 'flex' },
          widget('flex', 'send-to-flex', { workflow, channel, attributes: '{"name":"{{trigger.message.From}}"}', priority: '3', timeout: '600' }, { callComplete: 'after' }),
          widget('after', 'send-message', { body: 'not reached' }, { sent: undefined })),
      ),
    });
    const number = `+1555070${nextNumber++}`;
    await api(server, 'POST', `${accounts}/IncomingPhoneNumbers.json`, { PhoneNumber: number, SmsUrl: flow.body.webhook_url });
    const from = handset();
    await api(server, 'POST', `/emulator/v1/Handsets/${from}/Messages`, { To: number, Body: 'help' });
    const { execution, widgets } = await executionOf(flow.body.sid);
    expect(execution.status).toBe('ended');
    expect(await pathOf(flow.body.sid)).toEqual(['Trigger -incomingMessage-> flex', 'flex -callComplete-> Ended']);
    expect(widgets.flex).toMatchObject({ sid: expect.stringMatching(/^WT[0-9a-f]{32}$/), attributes: `{"name":"${from}"}`, priority: 3, channel, workflow });
  });
});

describe('a caller hanging up in each widget', () => {
  it.each([
    ['record-voicemail', { timeout: 10 }, 'record', ['recordingComplete', 'noAudio', 'hangup']],
    ['connect-call-to', { noun: 'number', to: '+15550999001' }, 'dial', ['callCompleted', 'hangup']],
    ['enqueue-call', { queue_name: 'nobody-answers' }, 'queue', ['callComplete', 'failedToEnqueue', 'callFailure']],
    ['send-to-flex', { workflow: 'WW' + 'd'.repeat(32), channel: 'TC' + 'e'.repeat(32) }, 'queue', ['callComplete', 'failedToEnqueue', 'callFailure']],
  ] as const)('%s leaves no active execution', async (type, properties, waitingFor, events) => {
    if (type === 'connect-call-to') await answerMode('+15550999001', { AnswerMode: 'no-answer' });
    const { number, flowSid } = await flowNumber(
      flowOf({ incomingCall: 'widget' },
        widget('widget', type, properties, Object.fromEntries(events.map((event) => [event, 'after']))),
        widget('after', 'say-play', { say: 'still here?' }, { audioComplete: undefined })),
    );
    const placed = await call(number);
    expect(placed.waiting_for).toBe(waitingFor);
    await hangup(placed.sid);
    const executions = (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions`)).body.executions;
    expect(executions.map((execution: { status: string }) => execution.status)).toEqual(['ended']);
    expect((await fetchCall(placed.sid)).status).toBe('completed');
  });
});
