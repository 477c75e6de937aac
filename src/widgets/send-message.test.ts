import { describe, expect, it } from 'vitest';
import { Harness, contact, flowNumber, flowOf, widget } from '../../test/support/engine-harness.ts';

const flow = (properties: Record<string, unknown>) =>
  flowOf({ incomingRequest: 'greet' }, widget('greet', 'send-message', properties, { sent: 'after', failed: 'on_failure' }),
    widget('after', 'set-variables', { variables: [{ key: 'done', value: 'sent' }] }),
    widget('on_failure', 'set-variables', { variables: [{ key: 'done', value: 'failed' }] }));

describe('send-message', () => {
  it('sends from the flow to the contact by default and exposes the outbound message', async () => {
    const harness = new Harness(flow({ body: 'Hello {{flow.data.name}}' }));
    await harness.request({ name: 'Ada' });
    expect(harness.sent).toEqual([expect.objectContaining({ to: contact, from: flowNumber, body: 'Hello Ada' })]);
    expect(harness.state?.context.widgets.greet).toEqual({
      outbound: expect.objectContaining({ Sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), Status: 'queued', Body: 'Hello Ada' }),
    });
    expect(harness.steps[1]).toMatchObject({ name: 'sent', transitioned_from: 'greet', transitioned_to: 'after', type: 'send-message' });
    expect(harness.state?.context.flow.variables.done).toBe('sent');
  });

  it('renders to, from and media_url', async () => {
    const harness = new Harness(flow({ body: 'x', to: '{{flow.data.to}}', from: 'MG123', media_url: 'https://example.com/{{flow.data.pic}}' }));
    await harness.request({ to: '+15550001111', pic: 'cat.png' });
    expect(harness.sent[0]).toMatchObject({ to: '+15550001111', from: 'MG123', mediaUrl: 'https://example.com/cat.png' });
  });

  it('passes a content template with rendered variables', async () => {
    const harness = new Harness(flow({
      message_type: 'content_template',
      content_sid: 'HX' + '1'.repeat(32),
      content_variables: [{ key: '{{1}}', value: '{{flow.data.name}}' }],
    }));
    await harness.request({ name: 'Ada' });
    expect(harness.sent[0]).toMatchObject({ contentSid: 'HX' + '1'.repeat(32), contentVariables: { '{{1}}': 'Ada' }, body: undefined });
  });

  it('takes failed with 81011 when the carrier refuses the message', async () => {
    const harness = new Harness(flow({ body: 'hi' }), { refuseMessage: () => 'The number is unreachable' });
    await harness.request();
    expect(harness.steps[1]).toMatchObject({ name: 'failed', transitioned_to: 'on_failure' });
    expect(harness.state?.context.widgets.greet).toEqual({
      error: { code: 81011, message: 'Failed to send Message: The number is unreachable' },
    });
  });

  it('takes failed with 81018 when the body is not a valid template', async () => {
    const harness = new Harness(flow({ body: 'Hello {{ flow.data.name ' }));
    await harness.request();
    expect(harness.sent).toEqual([]);
    expect(harness.steps[1]).toMatchObject({ name: 'failed', transitioned_to: 'on_failure' });
    expect(harness.state?.context.widgets.greet?.error).toMatchObject({ code: 81018 });
  });

  it('takes failed when the body renders empty', async () => {
    const harness = new Harness(flow({ body: '{{flow.data.missing}}' }));
    await harness.request();
    expect(harness.sent).toEqual([]);
    expect(harness.steps[1]).toMatchObject({ name: 'failed' });
  });
});
