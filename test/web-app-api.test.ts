import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { signInUrl } from '../src/server/server.ts';
import { widgetRegistry } from '../src/widgets/registry.ts';
import { conditionTypes } from '../src/widgets/split-conditions.ts';
import { publishFlow } from './support/voice-harness.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';

const smsFlow = {
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingMessage', next: 'reply' }], properties: { offset: { x: 0, y: 0 } } },
    { name: 'reply', type: 'send-message', transitions: [], properties: { body: 'hello', offset: { x: 0, y: 200 } } },
  ],
};

describe('what the web app asks the server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await testServer();
  });
  afterAll(() => server.close());

  it('serves the built app at / and keeps Twilio 404s elsewhere', async () => {
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<div id="root">');
    const missing = await fetch(`${server.url}/assets/nothing.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 20404, status: 404 });
  });

  it('prints a sign-in link whose credentials stay in the fragment', () => {
    const link = new URL(signInUrl(server.url, server.account));
    expect(link.pathname).toBe('/');
    expect(link.hash).toBe(`#/signin?account=${accountSid}&token=${authToken}`);
  });

  it('lists every widget declaration, with its events and property specs', async () => {
    const { status, body } = await api(server, 'GET', '/app/v1/WidgetTypes');
    expect(status).toBe(200);
    expect(body.widget_types.map((widget: { type: string }) => widget.type)).toEqual([...widgetRegistry.keys()]);
    const wait = body.widget_types.find((widget: { type: string }) => widget.type === 'send-and-wait-for-reply');
    expect(wait).toMatchObject({ group: 'Messaging', channel: 'messaging', events: ['incomingMessage', 'timeout', 'deliveryFailure'], runs: true });
    expect(wait.properties.body).toMatchObject({ types: ['string'], liquid: true, required: false });
    expect(wait.properties.timeout.default).toBe('3600');
  });

  it('lists the split condition types the engine evaluates', async () => {
    const { status, body } = await api(server, 'GET', '/app/v1/ConditionTypes');
    expect(status).toBe(200);
    expect(body.condition_types).toEqual([...conditionTypes]);
    expect(body.condition_types).toContain('matches_any_of');
    expect((await api(server, 'GET', '/app/v1/ConditionTypes', undefined, `${accountSid}:wrong`)).status).toBe(401);
  });

  it('refuses the widget list and checks without credentials', async () => {
    expect((await api(server, 'GET', '/app/v1/WidgetTypes', undefined, `${accountSid}:wrong`)).status).toBe(401);
    expect((await api(server, 'POST', '/app/v1/FlowChecks', { Definition: '{}' }, 'nobody:x')).status).toBe(401);
  });

  it('checks a definition with its warnings, and converts a legacy one', async () => {
    const good = await api(server, 'POST', '/app/v1/FlowChecks', { Definition: JSON.stringify(smsFlow) });
    expect(good.body).toMatchObject({ valid: true, legacy: false, errors: [] });
    const orphan = { ...smsFlow, states: [...smsFlow.states, { name: 'lonely', type: 'send-message', transitions: [], properties: { body: 'x' } }] };
    const warned = await api(server, 'POST', '/app/v1/FlowChecks', { Definition: JSON.stringify(orphan) });
    expect(warned.body.valid).toBe(true);
    expect(warned.body.warnings.map((warning: { message: string }) => warning.message).join('\n')).toMatch(/lonely/);
    const legacy = { description: 'x', states: [{ type: 'InitialState', name: 'Trigger', sid: 'FF' + '1'.repeat(32), properties: { offset: { x: 0, y: 0 } }, transitions: [] }] };
    const converted = await api(server, 'POST', '/app/v1/FlowChecks', { Definition: JSON.stringify(legacy) });
    expect(converted.body).toMatchObject({ legacy: true, definition: { initial_state: 'Trigger' } });
  });

  it('answers garbage definitions with errors, not failures', async () => {
    const broken = await api(server, 'POST', '/app/v1/FlowChecks', { Definition: '{"states": [' });
    expect(broken.status).toBe(200);
    expect(broken.body.valid).toBe(false);
    expect(broken.body.errors[0].message).toMatch(/JSON syntax error/);
    const missing = await api(server, 'POST', '/app/v1/FlowChecks', {});
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/Definition/);
  });

  it('streams each execution as it takes steps', async () => {
    const { flowSid } = await publishFlow(server, JSON.stringify(smsFlow), 'sms');
    const controller = new AbortController();
    const response = await fetch(`${server.url}/emulator/v1/Events`, {
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await api(server, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: '+15550001111', From: '+15550002222' });
    let text = '';
    while (!text.includes('event: execution')) text += new TextDecoder().decode((await reader.read()).value);
    while (!text.endsWith('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const data = JSON.parse(text.split('event: execution\ndata: ')[1].split('\n')[0]);
    expect(data).toMatchObject({ flow_sid: flowSid, contact_channel_address: '+15550001111', status: 'ended' });
  });
});
