import { describe, expect, it } from 'vitest';
import { Harness, contact, flowOf, widget } from '../../test/support/engine-harness.ts';

const flow = (timeout?: string) =>
  flowOf({ incomingRequest: 'ask' },
    widget('ask', 'send-and-wait-for-reply', { body: 'Your name?', ...(timeout ? { timeout } : {}) },
      { incomingMessage: 'thank', timeout: 'too_late', deliveryFailure: 'undelivered' }),
    widget('thank', 'send-message', { body: 'Thanks {{widgets.ask.inbound.Body}}' }, { sent: undefined, failed: undefined }),
    widget('too_late', 'send-message', { body: 'Too late' }, { sent: undefined, failed: undefined }),
    widget('undelivered', 'set-variables', { variables: [{ key: 'status', value: '{{widgets.ask.outbound.Status}}' }] }));

describe('send-and-wait-for-reply', () => {
  it('sends, then waits for a reply with the default one-hour timeout', async () => {
    const harness = new Harness(flow());
    const sprint = await harness.request();
    expect(harness.bodies).toEqual(['Your name?']);
    expect(sprint.wait).toEqual({
      widget: 'ask',
      events: ['incomingMessage', 'deliveryFailure'],
      dueAt: '2026-03-01T13:00:00.000Z',
      dueEvent: 'timeout',
    });
    expect(harness.state?.context.widgets.ask?.outbound).toMatchObject({ Status: 'queued', Body: 'Your name?' });
  });

  it('resumes on the reply, exposing inbound and keeping outbound', async () => {
    const harness = new Harness(flow());
    await harness.request();
    await harness.text('Grace');
    expect(harness.bodies).toEqual(['Your name?', 'Thanks Grace']);
    expect(harness.state?.context.widgets.ask).toMatchObject({
      outbound: { Body: 'Your name?' },
      inbound: { Body: 'Grace', From: contact, MessageSid: expect.any(String) },
    });
    expect(harness.steps.map((step) => step.name)).toEqual(['incomingRequest', 'incomingMessage', 'sent']);
    expect(harness.state?.status).toBe('ended');
  });

  it('fires timeout after the timeout in seconds, not before', async () => {
    const harness = new Harness(flow('120'));
    await harness.request();
    harness.clock.advance(119);
    const early = await harness.resume({ type: 'timeout' });
    expect(early.rejected).toBe(true);
    expect(early.error?.code).toBe(81002);
    harness.clock.advance(1);
    await harness.resume({ type: 'timeout' });
    expect(harness.bodies).toEqual(['Your name?', 'Too late']);
    expect(harness.steps[1]).toMatchObject({ name: 'timeout', transitioned_from: 'ask', transitioned_to: 'too_late' });
  });

  it('takes deliveryFailure when the carrier reports the message undelivered', async () => {
    const harness = new Harness(flow());
    await harness.request();
    await harness.resume({ type: 'deliveryFailure', params: { Status: 'undelivered', ErrorCode: 30003 } });
    expect(harness.state?.context.flow.variables.status).toBe('undelivered');
    expect(harness.steps[1]).toMatchObject({ name: 'deliveryFailure', transitioned_to: 'undelivered' });
  });

  it('takes deliveryFailure at once when the carrier refuses the message', async () => {
    const harness = new Harness(flow(), { refuseMessage: () => 'blocked' });
    const sprint = await harness.request();
    expect(sprint.wait).toBeUndefined();
    expect(harness.steps[1]).toMatchObject({ name: 'deliveryFailure' });
  });

  it('refuses events it does not wait for, leaving the state as it was', async () => {
    const harness = new Harness(flow());
    await harness.request();
    const before = structuredClone(harness.state);
    const sprint = await harness.resume({ type: 'keypress', params: { Digits: '1' } });
    expect(sprint).toMatchObject({ rejected: true, steps: [], error: { code: 81002 } });
    expect(harness.state).toEqual(before);
  });
});
