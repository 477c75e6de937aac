import { boundedFetch, httpUrl } from '../carrier/bounded-fetch.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../engine/services.ts';

export interface FetchHttpClientOptions {
  /** Credentials added for make-http-request's `add_twilio_auth`. */
  twilioAuth?: { username: string; password: string };
}

/** The HTTP service flows use (make-http-request, run-function): fetch with Studio's limits. */
export function createFetchHttpClient(options: FetchHttpClientOptions = {}): HttpClient {
  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const url = httpUrl(request.url);
      const headers = { ...request.headers };
      if (request.addTwilioAuth && options.twilioAuth) {
        const { username, password } = options.twilioAuth;
        headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      }
      const { response, body } = await boundedFetch(
        url,
        { method: request.method, headers, body: request.body },
        { timeoutMs: request.timeoutMs, maxBytes: request.maxResponseBytes },
      );
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
    },
  };
}
