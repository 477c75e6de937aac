import { describe, expect, it } from 'vitest';
import { Harness, contact, flowNumber, flowOf, widget } from '../../test/support/engine-harness.ts';
import type { TriggerKind } from './execution-state.ts';

const setVariable = (name: string, next?: string) =>
  widget(name, 'set-variables', { variables: [{ key: 'last', value: name }] }, { next });

describe('engine: starting an execution', () => {
  it.each<[TriggerKind, string]>([
    ['message', 'incomingMessage'],
    ['call', 'incomingCall'],
    ['conversation', 'incomingConversationMessage'],
    ['request', 'incomingRequest'],
    ['parent', 'incomingParent'],
  ])('a %s trigger takes the %s transition and fills trigger.%s', async (kind, event) => {
    const harness = new Harness(flowOf({ [event]: 'first' }, setVariable('first')));
    const params = { Body: 'hello', From: contact };
    await harness.start({ kind, params, data: { n: 1 } });
    expect(harness.state?.context).toMatchObject({
      flow: { flow_sid: harness.flow.sid, sid: harness.state?.sid, channel: { address: flowNumber }, data: { n: 1 }, variables: { last: 'first' } },
      contact: { channel: { address: contact } },
      trigger: { [kind]: params },
    });
    expect(harness.steps[0]).toMatchObject({ name: event, type: 'trigger', transitioned_from: 'Trigger', transitioned_to: 'first' });
  });

  it('ends at once when the trigger event has no next', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'first' }, setVariable('first')));
    const sprint = await harness.text('hi');
    expect(sprint.steps).toEqual([expect.objectContaining({ name: 'incomingMessage', transitioned_to: 'Ended' })]);
    expect(sprint.state).toMatchObject({ status: 'ended', ended: { reason: 'FLOW_END' } });
  });

  it('gives Twilio-shaped SIDs and stamps steps with the injected clock', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'first' }, setVariable('first')));
    await harness.request();
    expect(harness.state?.sid).toMatch(/^FN[0-9a-f]{32}$/);
    expect(harness.steps.map((step) => step.sid)).toEqual([expect.stringMatching(/^FT[0-9a-f]{32}$/), expect.stringMatching(/^FT[0-9a-f]{32}$/)]);
    expect(harness.steps[0].date_created).toBe('2026-03-01T12:00:00.000Z');
    expect(harness.state?.startedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(harness.state?.expiresAt).toBe('2026-03-31T12:00:00.000Z');
  });

  it('replays identically with the same clock and seed', async () => {
    const flow = flowOf({ incomingRequest: 'first' }, setVariable('first', 'second'), setVariable('second'));
    const one = new Harness(flow);
    const two = new Harness(flow);
    expect(await one.request({ a: 1 })).toEqual(await two.request({ a: 1 }));
  });
});

describe('engine: limits', () => {
  it('stops a widget that runs more than 10 times in a row with 81001', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'again' }, setVariable('again', 'again')));
    const sprint = await harness.request();
    expect(harness.steps.filter((step) => step.transitioned_from === 'again')).toHaveLength(10);
    expect(sprint.error).toEqual({ code: 81001, message: expect.stringContaining('again ran more than 10 times in a row') });
    expect(sprint.state).toMatchObject({ status: 'ended', ended: { reason: 'ERROR', error: { code: 81001 } } });
  });

  it('counts runs in a row only: alternating widgets are fine until the step limit', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'ping' }, setVariable('ping', 'pong'), setVariable('pong', 'ping')));
    const sprint = await harness.request();
    expect(sprint.error?.code).toBe(81000);
    expect(harness.steps).toHaveLength(1000);
    expect(sprint.state.stepCount).toBe(1000);
  });

  it('takes its limits from the options', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'ping' }, setVariable('ping', 'pong'), setVariable('pong', 'ping')), {
      options: { maxSteps: 5 },
    });
    const sprint = await harness.request();
    expect(harness.steps).toHaveLength(5);
    expect(sprint.error?.message).toContain('5 steps');
  });

  it('expires a wait that outlives the 30-day lifetime', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'ask' },
      widget('ask', 'send-and-wait-for-reply', { body: 'hi', timeout: String(60 * 24 * 3600) }, { incomingMessage: undefined, timeout: undefined })));
    const sprint = await harness.request();
    expect(sprint.wait).toMatchObject({ dueAt: '2026-03-31T12:00:00.000Z', dueEvent: 'expired' });
    const expired = await harness.fireTimeout();
    expect(expired.state).toMatchObject({ status: 'ended', ended: { reason: 'EXPIRED', error: { code: 89002 } } });
  });

  it('expires even when a reply arrives after 30 days', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'ask' },
      widget('ask', 'send-and-wait-for-reply', { body: 'hi', timeout: String(60 * 24 * 3600) }, { incomingMessage: undefined })));
    await harness.request();
    harness.clock.advance(31 * 24 * 3600);
    const late = await harness.text('too late');
    expect(late.state.ended?.reason).toBe('EXPIRED');
    expect(late.steps).toEqual([]);
  });

  it('stops a Liquid loop over 15 iterations as a step failure', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'send' },
      widget('send', 'send-message', { body: '{% for i in (1..16) %}{{i}}{% endfor %}' }, { sent: undefined, failed: undefined })));
    await harness.request();
    expect(harness.steps[1]).toMatchObject({ name: 'failed' });
    expect(harness.state?.context.widgets.send?.error).toMatchObject({ code: 81018, message: expect.stringContaining('15') });
  });
});

describe('engine: suspension and resumption', () => {
  const waitFlow = () => flowOf({ incomingRequest: 'ask' },
    widget('ask', 'send-and-wait-for-reply', { body: 'Name?', timeout: '60' }, { incomingMessage: 'echo', timeout: 'echo' }),
    widget('echo', 'send-message', { body: 'Got {{widgets.ask.inbound.Body | default: "nothing"}}' }, { sent: undefined }));

  it.each([
    ['a reply', { type: 'incomingMessage', params: { Body: 'Ada' } }],
    ['a timeout', { type: 'timeout' }],
  ])('resumes the same from a state that went through JSON as from the live one, for %s', async (_label, event) => {
    const harness = new Harness(waitFlow());
    const sprint = await harness.request();
    harness.clock.advance(60);
    const live = await harness.engine.resume(harness.flow, sprint.state, event);
    const stored = new Harness(waitFlow());
    const storedSprint = await stored.request();
    stored.clock.advance(60);
    const fromJson = await stored.engine.resume(stored.flow, JSON.parse(JSON.stringify(storedSprint.state)), event);
    expect(fromJson).toEqual(live);
    expect(fromJson.state.status).toBe('ended');
  });

  it('does not modify the state it is given', async () => {
    const harness = new Harness(waitFlow());
    const sprint = await harness.request();
    const before = JSON.stringify(sprint.state);
    await harness.engine.resume(harness.flow, sprint.state, { type: 'incomingMessage', params: { Body: 'x' } });
    expect(JSON.stringify(sprint.state)).toBe(before);
  });

  it('refuses to resume an ended execution', async () => {
    const harness = new Harness(waitFlow());
    await harness.request();
    await harness.text('Ada');
    const again = await harness.resume({ type: 'incomingMessage', params: { Body: 'again' } });
    expect(again).toMatchObject({ rejected: true, error: { code: 81002, message: expect.stringContaining('ended') } });
  });

  it('ends an execution on request, dropping its wait', async () => {
    const harness = new Harness(waitFlow());
    const sprint = await harness.request();
    const ended = harness.engine.end(sprint.state, 'ENDED_BY_REQUEST');
    expect(ended).toMatchObject({ status: 'ended', ended: { reason: 'ENDED_BY_REQUEST', at: '2026-03-01T12:00:00.000Z' } });
    expect(ended.wait).toBeUndefined();
    expect(sprint.state.status).toBe('active');
  });
});

describe('engine: widgets that cannot run here', () => {
  it('end the execution with 89001 naming the widget and why', async () => {
    const harness = new Harness(flowOf({ incomingCall: 'agent' }, widget('agent', 'connect-virtual-agent', { connector: 'dialogflow' }, { hangup: undefined, return: undefined })));
    const sprint = await harness.start({ kind: 'call', params: { CallSid: 'CA' + '0'.repeat(32) } });
    expect(sprint.error?.code).toBe(89001);
    expect(sprint.error?.message).toMatch(/^This widget type is not supported by Switchboard yet: agent: connect-virtual-agent .*Dialogflow virtual agents are not emulated/);
    expect(sprint.state.status).toBe('ended');
  });
});
