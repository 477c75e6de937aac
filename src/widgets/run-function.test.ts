import { describe, expect, it } from 'vitest';
import { Harness, flowOf, json, widget, type HttpHandler } from '../../test/support/engine-harness.ts';

function loopFlow() {
  // Runs the function twice: once, then again through a counter.
  return flowOf({ incomingRequest: 'fn' },
    widget('fn', 'run-function', { url: 'https://fn.example/{{flow.variables.round | default: "first"}}', parameters: [{ key: 'who', value: '{{flow.data.who}}' }] },
      { success: 'again', fail: 'failed' }),
    widget('again', 'split-based-on', { input: '{{flow.variables.round}}' }, [
      { event: 'noMatch', next: 'mark' },
      { event: 'match', conditions: [{ friendly_name: 'done', arguments: ['{{flow.variables.round}}'], type: 'equal_to', value: 'second' }] },
    ]),
    widget('mark', 'set-variables', { variables: [{ key: 'round', value: 'second' }] }, { next: 'fn' }),
    widget('failed', 'set-variables', { variables: [{ key: 'failed', value: 'yes' }] }));
}

async function run(http: HttpHandler) {
  const harness = new Harness(loopFlow(), { http });
  await harness.request({ who: 'Ada' });
  return harness;
}

describe('run-function', () => {
  it('POSTs the parameters as a form and succeeds on 2xx', async () => {
    const harness = await run(() => json({ greeting: 'hi' }));
    expect(harness.httpRequests[0]).toMatchObject({ method: 'POST', url: 'https://fn.example/first', body: 'who=Ada' });
    expect(harness.steps[1]).toMatchObject({ name: 'success', transitioned_from: 'fn', type: 'run-function' });
  });

  it('merges parsed across runs of the same widget', async () => {
    const harness = await run((request) => (request.url.endsWith('first') ? json({ a: 1, shared: 'first' }) : json({ b: 2, shared: 'second' })));
    expect(harness.state?.context.widgets.fn?.parsed).toEqual({ a: 1, b: 2, shared: 'second' });
  });

  it('keeps the earlier parsed when a later answer is not JSON', async () => {
    const harness = await run((request) =>
      request.url.endsWith('first') ? json({ a: 1 }) : { status: 200, contentType: 'text/plain', body: 'ok' });
    expect(harness.state?.context.widgets.fn).toMatchObject({ parsed: { a: 1 }, body: 'ok' });
  });

  it('treats 3xx as success', async () => {
    const harness = await run(() => ({ status: 302, contentType: 'text/html', body: '' }));
    expect(harness.steps[1]).toMatchObject({ name: 'success' });
  });

  it('takes fail (not failed) with 81010 on a 500', async () => {
    const harness = await run(() => json({ message: 'boom' }, 500));
    expect(harness.steps[1]).toMatchObject({ name: 'fail', transitioned_to: 'failed' });
    expect(harness.state?.context.widgets.fn).toMatchObject({ status_code: 500, error: { code: 81010 } });
  });
});
