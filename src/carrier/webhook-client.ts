import twilio from 'twilio';
import { describeError } from '../errors.ts';

/**
 * Requests an app's webhook the way Twilio does: form parameters (in the body for POST, in the
 * query string for GET), signed with `X-Twilio-Signature`, a 15 s timeout, redirects followed,
 * and any connection-override fragment (`#rc=…`) stripped.
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
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new Error(`"${request.url}" is not a valid URL`);
  }
  url.hash = '';
  if (method === 'GET') for (const [key, value] of Object.entries(request.params)) url.searchParams.append(key, value);
  const signedParams = method === 'GET' ? {} : request.params;
  const signature = twilio.getExpectedTwilioSignature(request.authToken, url.toString(), signedParams);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
        'user-agent': 'TwilioProxy/1.1 (Switchboard emulator)',
      },
      body: method === 'POST' ? new URLSearchParams(request.params).toString() : undefined,
      redirect: 'follow',
      signal: AbortSignal.timeout(webhookTimeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw new Error(`${method} ${url}: ${describeError(cause ?? error)}`);
  }
  const body = await response.text();
  if (body.length > maxTwimlBytes) throw new Error(`${method} ${url}: the answer is over 64 kB`);
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, url: response.url || url.toString() };
}
