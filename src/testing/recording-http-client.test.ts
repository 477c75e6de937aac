import { describe, expect, it } from 'vitest';
import type { HttpClient, HttpRequest } from '../engine/services.ts';
import type { HttpMock } from './flow-test.ts';
import { recordingHttpClient } from './recording-http-client.ts';

const request = (url: string): HttpRequest => ({ method: 'POST', url, headers: {}, body: 'a=1', timeoutMs: 10_000, maxResponseBytes: 65_536 });

describe('recordingHttpClient', () => {
  it('keeps each answer as a mock: JSON parsed, anything else (or JSON that does not parse) as text', async () => {
    const answers: Record<string, { contentType: string; body: string }> = {
      '/json': { contentType: 'application/json', body: '[1,{"ok":true}]' },
      '/text': { contentType: 'text/html', body: '<p>hi</p>' },
      '/broken': { contentType: 'application/json', body: '{oops' },
    };
    const far: HttpClient = { request: async ({ url }) => ({ status: 201, ...answers[new URL(url).pathname]! }) };
    const mocks: HttpMock[] = [];
    const client = recordingHttpClient(far, mocks);
    for (const path of Object.keys(answers)) expect((await client.request(request(`http://x${path}`))).status).toBe(201);
    expect(mocks).toEqual([
      { url: 'http://x/json', method: 'POST', status: 201, body: [1, { ok: true }], content_type: 'application/json' },
      { url: 'http://x/text', method: 'POST', status: 201, body: '<p>hi</p>', content_type: 'text/html' },
      { url: 'http://x/broken', method: 'POST', status: 201, body: '{oops', content_type: 'application/json' },
    ]);
  });

  it('keeps a request that got no answer as a mock that answers at the timeout, and still fails it', async () => {
    const mocks: HttpMock[] = [];
    const client = recordingHttpClient({ request: async () => Promise.reject(new Error('ECONNREFUSED')) }, mocks);
    await expect(client.request(request('http://127.0.0.1:9/orders'))).rejects.toThrow('ECONNREFUSED');
    expect(mocks).toEqual([{ url: 'http://127.0.0.1:9/orders', method: 'POST', delay: 10 }]);
  });
});
