import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../engine/services.ts';
import { MockHttpClient, UnmockedRequestError } from './mock-http.ts';

const request = (url: string, method: 'GET' | 'POST' = 'GET', body?: string): HttpRequest => ({
  method,
  url,
  headers: body ? { 'Content-Type': 'application/json' } : {},
  body,
  timeoutMs: 10_000,
  maxResponseBytes: 65_536,
});

describe('MockHttpClient', () => {
  it('answers with the first mock that matches the method and URL, and records the exchange', async () => {
    const client = new MockHttpClient(false);
    const json = { url: 'https://api.example/orders', method: 'POST', status: 201, body: { id: 7 } };
    const text = { url: 'https://api.example/*', body: 'hello' };
    client.reset([json, text]);
    expect(await client.request(request('https://api.example/orders', 'POST', '{"a":1}'))).toEqual({ status: 201, contentType: 'application/json', body: '{"id":7}' });
    expect(await client.request(request('https://api.example/orders'))).toEqual({ status: 200, contentType: 'text/plain', body: 'hello' });
    expect(client.exchanges).toEqual([
      { method: 'POST', url: 'https://api.example/orders', body: '{"a":1}', contentType: 'application/json', mock: json },
      { method: 'GET', url: 'https://api.example/orders', body: '', contentType: '', mock: text },
    ]);
  });

  it('times a request out when the delay reaches its timeout', async () => {
    const client = new MockHttpClient(false);
    client.reset([{ url: 'https://slow.example/', delay: 10 }]);
    await expect(client.request(request('https://slow.example/'))).rejects.toThrow('timed out after 10000 ms');
    client.reset([{ url: 'https://slow.example/', delay: 9.9 }]);
    await expect(client.request(request('https://slow.example/'))).resolves.toMatchObject({ status: 200 });
  });

  it('refuses a request with no mock and remembers the first, until the next test', async () => {
    const client = new MockHttpClient(false);
    client.reset([]);
    await expect(client.request(request('https://nowhere.example/a'))).rejects.toThrow(UnmockedRequestError);
    await expect(client.request(request('https://nowhere.example/b'))).rejects.toThrow('no mock for GET https://nowhere.example/b');
    expect(client.unmocked?.request.url).toBe('https://nowhere.example/a');
    client.reset([]);
    expect(client.unmocked).toBeUndefined();
    expect(client.exchanges).toEqual([]);
  });

  it('lets unmocked requests out with --allow-net', async () => {
    const server = createServer((_request, response) => response.end('from the network')).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const client = new MockHttpClient(true);
      client.reset([]);
      const response = await client.request(request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
      expect(response.body).toBe('from the network');
      expect(client.unmocked).toBeUndefined();
    } finally {
      server.close();
    }
  });
});
