import { describe, expect, it } from 'vitest';
import { Harness, flowOf, json, widget, type HttpHandler } from '../../test/support/engine-harness.ts';

const formType = 'application/x-www-form-urlencoded;charset=utf-8';
const jsonType = 'application/json;charset=utf-8';

async function call(properties: Record<string, unknown>, http?: HttpHandler, data: Record<string, unknown> = {}) {
  const harness = new Harness(flowOf({ incomingRequest: 'call' },
    widget('call', 'make-http-request', properties, { success: 'ok', failed: 'not_ok' }),
    widget('ok', 'set-variables', { variables: [{ key: 'result', value: 'success' }] }),
    widget('not_ok', 'set-variables', { variables: [{ key: 'result', value: 'failed' }] })), { http });
  await harness.request(data);
  return harness;
}

describe('make-http-request', () => {
  it('sends form parameters in the query string of a GET', async () => {
    const harness = await call(
      { method: 'GET', url: 'https://api.example.com/lookup?v=1', content_type: formType, parameters: [{ key: 'name', value: '{{flow.data.name}}' }, { key: 'q', value: 'a b&c' }] },
      () => json({ found: true }),
      { name: 'Ada' },
    );
    expect(harness.httpRequests[0]).toMatchObject({ method: 'GET', url: 'https://api.example.com/lookup?v=1&name=Ada&q=a+b%26c', body: undefined });
  });

  it('sends form parameters as the body of a POST', async () => {
    const harness = await call(
      { method: 'POST', url: 'https://api.example.com/form', content_type: formType, parameters: [{ key: 'to', value: '{{contact.channel.address}}' }] },
      () => json({}),
    );
    expect(harness.httpRequests[0]).toMatchObject({
      method: 'POST',
      body: 'to=%2B15005550006',
      headers: { 'content-type': formType },
      timeoutMs: 10_000,
      maxResponseBytes: 65536,
    });
  });

  it('sends a rendered JSON body as it is', async () => {
    const harness = await call(
      { method: 'POST', url: 'https://api.example.com/json', content_type: jsonType, body: '{"trigger": {{trigger | to_json}}}' },
      () => json({}),
    );
    expect(JSON.parse(harness.httpRequests[0].body!)).toEqual({ trigger: { request: { from: '+15005550001', to: '+15005550006', parameters: {} } } });
    expect(harness.httpRequests[0].headers).toEqual({ 'content-type': jsonType });
  });

  it('exposes status_code, content_type, body and parsed on success', async () => {
    const harness = await call({ method: 'GET', url: 'https://api.example.com/x' }, () => json({ name: 'Ada', tags: ['a'] }));
    expect(harness.state?.context.widgets.call).toEqual({
      status_code: 200,
      content_type: 'application/json; charset=utf-8',
      body: '{"name":"Ada","tags":["a"]}',
      parsed: { name: 'Ada', tags: ['a'] },
    });
    expect(harness.state?.context.flow.variables.result).toBe('success');
  });

  it('does not parse a top-level JSON array, nor a body that is not JSON', async () => {
    const array = await call({ method: 'GET', url: 'https://a.example' }, () => json([1, 2]));
    expect(array.state?.context.widgets.call).not.toHaveProperty('parsed');
    const text = await call({ method: 'GET', url: 'https://a.example' }, () => ({ status: 200, contentType: 'text/plain', body: '{"a":1}' }));
    expect(text.state?.context.widgets.call).not.toHaveProperty('parsed');
  });

  it('fails with 81016 on a status outside 2xx, keeping the response outputs', async () => {
    const harness = await call({ method: 'GET', url: 'https://api.example.com/missing' }, () => json({ error: 'nope' }, 404));
    expect(harness.state?.context.flow.variables.result).toBe('failed');
    expect(harness.state?.context.widgets.call).toMatchObject({
      status_code: 404,
      parsed: { error: 'nope' },
      error: { code: 81016, message: expect.stringContaining('answered 404') },
    });
  });

  it('fails when the endpoint cannot be reached', async () => {
    const harness = await call({ method: 'GET', url: 'https://down.example' });
    expect(harness.state?.context.widgets.call).toEqual({ error: { code: 81016, message: expect.stringContaining('ECONNREFUSED') } });
  });

  it('fails when the body is over 64 kB', async () => {
    const harness = await call({ method: 'GET', url: 'https://big.example' }, () => ({ status: 200, contentType: 'text/plain', body: 'x'.repeat(65537) }));
    expect(harness.state?.context.widgets.call?.error).toMatchObject({ code: 81016, message: expect.stringContaining('65537 bytes') });
  });

  it('passes add_twilio_auth to the HTTP service', async () => {
    const harness = await call({ method: 'GET', url: 'https://a.example', add_twilio_auth: true }, () => json({}));
    expect(harness.httpRequests[0].addTwilioAuth).toBe(true);
  });

  it('takes failed with 81018 when the URL is not a valid template', async () => {
    const harness = await call({ method: 'GET', url: 'https://a.example/{{ flow.data.x ' }, () => json({}));
    expect(harness.httpRequests).toEqual([]);
    expect(harness.state?.context.widgets.call?.error).toMatchObject({ code: 81018 });
  });
});

describe('make-http-request with a deeply nested answer', () => {
  it('keeps the body but does not parse JSON nested deeper than 64 levels, which could not be stored', async () => {
    const deep = '['.repeat(70) + ']'.repeat(70);
    const harness = await call({ method: 'GET', url: 'https://deep.example' }, () => ({ status: 200, contentType: 'application/json', body: `{"a":${deep}}` }));
    expect(harness.state?.context.widgets.call).toEqual({ status_code: 200, content_type: 'application/json', body: `{"a":${deep}}` });
  });
});
