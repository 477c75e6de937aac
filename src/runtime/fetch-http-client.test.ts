import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../engine/services.ts';
import { farSide } from '../../test/support/far-side.ts';
import { createFetchHttpClient } from './fetch-http-client.ts';

let server: Awaited<ReturnType<typeof farSide>>;
let base: string;
const seen = () => server.requests;

beforeAll(async () => {
  server = await farSide((request, response) => {
    if (request.url === '/redirect') return void response.writeHead(302, { location: '/json' }).end();
    if (request.url === '/big') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(2048));
    if (request.url === '/never') return; // never answers
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  base = server.url;
});
afterAll(() => server.close());

const request = (overrides: Partial<HttpRequest>): HttpRequest => ({
  method: 'GET', url: `${base}/json`, headers: {}, timeoutMs: 2000, maxResponseBytes: 1024, ...overrides,
});

describe('fetch HTTP client', () => {
  it('sends the method, headers and body, and reads status, content type and body', async () => {
    const client = createFetchHttpClient();
    const response = await client.request(request({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }));
    expect(response).toEqual({ status: 200, contentType: 'application/json', body: '{"ok":true}' });
    expect(seen().at(-1)).toMatchObject({ method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
  });

  it('follows redirects', async () => {
    const response = await createFetchHttpClient().request(request({ url: `${base}/redirect` }));
    expect(response.body).toBe('{"ok":true}');
  });

  it('adds Basic auth only when asked to and configured', async () => {
    const client = createFetchHttpClient({ twilioAuth: { username: 'AC1', password: 'secret' } });
    await client.request(request({ addTwilioAuth: true }));
    expect(seen().at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('AC1:secret').toString('base64')}`);
    await client.request(request({}));
    expect(seen().at(-1)?.headers.authorization).toBeUndefined();
  });

  it('rejects a body over the limit', async () => {
    await expect(createFetchHttpClient().request(request({ url: `${base}/big` }))).rejects.toThrow('larger than 1024 bytes');
  });

  it('rejects when no answer comes within the timeout', async () => {
    await expect(createFetchHttpClient().request(request({ url: `${base}/never`, timeoutMs: 100 }))).rejects.toThrow('no answer within 100 ms');
  });

  it.each(['not a url', 'file:///etc/passwd', 'ftp://example.com/x', ''])('rejects %j with a clear reason', async (url) => {
    await expect(createFetchHttpClient().request(request({ url }))).rejects.toThrow(/is not (a valid|an http or https) URL/);
  });

  it('names the cause when the connection is refused', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    await expect(createFetchHttpClient().request(request({ url: `http://127.0.0.1:${port}/` }))).rejects.toThrow(/ECONNREFUSED/);
  });
});
