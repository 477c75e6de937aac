import { describeError } from '../errors.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../engine/services.ts';

export interface FetchHttpClientOptions {
  /** Credentials added for make-http-request's `add_twilio_auth`. */
  twilioAuth?: { username: string; password: string };
}

/** The HTTP service over Node's fetch: redirects followed, a timeout, and a cap on body size. */
export function createFetchHttpClient(options: FetchHttpClientOptions = {}): HttpClient {
  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        throw new Error(`"${request.url}" is not a valid URL`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${request.url}" is not an http or https URL`);
      const headers = { ...request.headers };
      if (request.addTwilioAuth && options.twilioAuth) {
        const { username, password } = options.twilioAuth;
        headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method: request.method,
          headers,
          body: request.body,
          redirect: 'follow',
          signal: AbortSignal.timeout(request.timeoutMs),
        });
      } catch (error) {
        throw new Error(isTimeout(error) ? `no answer within ${request.timeoutMs} ms` : describeCause(error));
      }
      const body = await readCapped(response, request.maxResponseBytes, request.timeoutMs);
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
    },
  };
}

async function readCapped(response: Response, maxBytes: number, timeoutMs: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => {});
        throw new Error(`the response body is larger than ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw new Error(isTimeout(error) ? `no answer within ${timeoutMs} ms` : describeError(error));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** fetch hides the real reason (refused, unknown host) in `cause`. */
function describeCause(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause ? describeError(cause) : describeError(error);
}
