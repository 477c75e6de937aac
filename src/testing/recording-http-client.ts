import type { HttpClient } from '../engine/services.ts';
import type { HttpMock } from './flow-test.ts';

/**
 * A mock that answers as the far side did: a JSON body as the parsed value (so the file reads
 * as YAML), anything else as its text.
 */
export function httpMock(request: { url: string; method: string }, response: { status: number; contentType: string; body: string }): HttpMock {
  let body: unknown = response.body;
  if (/\bjson\b/i.test(response.contentType)) {
    try {
      body = JSON.parse(response.body);
    } catch {
      // Not JSON after all: the text is what the flow saw.
    }
  }
  return { url: request.url, method: request.method, status: response.status, body, content_type: response.contentType };
}

/**
 * Wraps a flow's HTTP client so that each request it makes is added to `mocks`, for a recorded
 * test that runs offline. A request that got no answer (refused, timed out) becomes a mock
 * that answers too late, which a test run takes as the same timeout.
 */
export function recordingHttpClient(client: HttpClient, mocks: HttpMock[]): HttpClient {
  return {
    async request(request) {
      try {
        const response = await client.request(request);
        mocks.push(httpMock(request, response));
        return response;
      } catch (error) {
        mocks.push({ url: request.url, method: request.method, delay: request.timeoutMs / 1000 });
        throw error;
      }
    },
  };
}
