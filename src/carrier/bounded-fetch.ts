import { describeError } from '../errors.ts';

/**
 * fetch as Switchboard uses it for every outgoing request (an app's webhook, an API a flow calls):
 * http and https only, redirects followed, a timeout, a cap on the body's size, and failures
 * given as readable reasons.
 */

/** The URL, or an error saying why the text is not an http or https URL. */
export function httpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`"${text}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`"${text}" is not an http or https URL`);
  return url;
}

export async function boundedFetch(url: URL, init: RequestInit, limits: { timeoutMs: number; maxBytes: number }): Promise<{ response: Response; body: string }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(limits.timeoutMs) });
  } catch (error) {
    throw new Error(failure(error, limits.timeoutMs));
  }
  return { response, body: await readCapped(response, limits) };
}

/** Reads the body, stopping as soon as it is larger than allowed rather than after. */
async function readCapped(response: Response, limits: { timeoutMs: number; maxBytes: number }): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limits.maxBytes) {
        await response.body.cancel().catch(() => {});
        throw new Error(`the response body is larger than ${limits.maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw new Error(failure(error, limits.timeoutMs));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A timeout, or the real reason (refused, unknown host), which fetch hides in `cause`. */
function failure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: unknown }).cause;
  return describeError(cause ?? error);
}
