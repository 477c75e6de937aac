import type { HttpClient, HttpRequest, HttpResponse } from '../engine/services.ts';
import { createFetchHttpClient } from '../runtime/fetch-http-client.ts';
import type { HttpMock } from './flow-test.ts';
import { urlMatches } from './expectations.ts';

/** A request the flow made during a test, and the mock that answered it (none when it went out with --allow-net). */
export interface HttpExchange {
  method: string;
  url: string;
  body: string;
  contentType: string;
  mock?: HttpMock;
}

/** A request no mock answers, without --allow-net: the test fails and names it. */
export class UnmockedRequestError extends Error {
  constructor(readonly request: Pick<HttpExchange, 'method' | 'url'>) {
    super(`no mock for ${request.method} ${request.url} (add one under "mocks", or run with --allow-net)`);
  }
}

/**
 * The HTTP client flows get under `switchboard test`: each request is answered by the current
 * test's first matching mock. The runner swaps the mocks between tests and reads what was asked.
 */
export class MockHttpClient implements HttpClient {
  mocks: HttpMock[] = [];
  exchanges: HttpExchange[] = [];
  /** The first request of the test that no mock answered; the runner fails the test with it. */
  unmocked?: UnmockedRequestError;
  private readonly network?: HttpClient;

  constructor(allowNet: boolean) {
    this.network = allowNet ? createFetchHttpClient() : undefined;
  }

  /** Starts a test: its mocks, nothing asked yet. */
  reset(mocks: HttpMock[]): void {
    this.mocks = mocks;
    this.exchanges = [];
    this.unmocked = undefined;
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const contentType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
    const exchange: HttpExchange = { method: request.method, url: request.url, body: request.body ?? '', contentType };
    const mock = this.mocks.find((candidate) => (!candidate.method || candidate.method === request.method) && urlMatches(candidate.url, request.url));
    this.exchanges.push({ ...exchange, mock });
    if (!mock) {
      if (this.network) return this.network.request(request);
      const error = new UnmockedRequestError(exchange);
      this.unmocked ??= error;
      throw error;
    }
    // Time does not pass during a request on the virtual clock; a delay only decides whether it times out.
    if (mock.delay !== undefined && mock.delay * 1000 >= request.timeoutMs) {
      throw new Error(`timed out after ${request.timeoutMs} ms (the mock's delay is ${mock.delay} s)`);
    }
    return responseOf(mock);
  }
}

function responseOf(mock: HttpMock): HttpResponse {
  const body = mock.body;
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = mock.content_type ?? (body === undefined || typeof body === 'string' ? 'text/plain' : 'application/json');
  return { status: mock.status ?? 200, contentType, body: text };
}
