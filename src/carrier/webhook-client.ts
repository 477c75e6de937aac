import twilio from 'twilio';
import { describeError } from '../errors.ts';
import { boundedFetch, httpUrl } from './bounded-fetch.ts';

/**
 * Requests an app's webhook the way Twilio does: form parameters (in the body for POST, in the
 * query string for GET), signed with `X-Twilio-Signature`, a 15 s timeout, a 64 kB answer,
 * redirects followed, and any connection-override fragment (`#rc=…`) stripped.
 */

export interface WebhookRequest {
  url: string;
  method: string;
  params: Record<string, string>;
  /** The account's auth token, which signs the request. */
  authToken: string;
}

export interface WebhookResponse {
  status: number;
  contentType: string;
  body: string;
  /** The URL that answered, for resolving relative URLs in the TwiML. */
  url: string;
}

export const webhookTimeoutMs = 15_000;
const maxTwimlBytes = 64 * 1024;

export async function requestWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const method = request.method.toUpperCase() === 'GET' ? 'GET' : 'POST';
  const url = httpUrl(request.url);
  url.hash = '';
  if (method === 'GET') for (const [key, value] of Object.entries(request.params)) url.searchParams.append(key, value);
  const signedParams = method === 'GET' ? {} : request.params;
  const signature = twilio.getExpectedTwilioSignature(request.authToken, url.toString(), signedParams);
  try {
    const { response, body } = await boundedFetch(
      url,
      {
        method,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature,
          'user-agent': 'TwilioProxy/1.1 (Switchboard emulator)',
        },
        body: method === 'POST' ? new URLSearchParams(request.params).toString() : undefined,
      },
      { timeoutMs: webhookTimeoutMs, maxBytes: maxTwimlBytes },
    );
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, url: response.url || url.toString() };
  } catch (error) {
    throw new Error(`${method} ${url}: ${describeError(error)}`);
  }
}
