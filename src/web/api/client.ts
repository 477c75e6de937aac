import { authorizationHeader, storedCredentials } from './session.ts';

/** Twilio's error JSON, thrown for every non-2xx answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export type FormValue = string | number | boolean | undefined | string[];

/**
 * Calls the server with the signed-in account's credentials. A `form` is sent form-encoded, as
 * Twilio's APIs take it (arrays repeat the key); undefined values are left out.
 */
export async function call<T>(method: string, path: string, form?: Record<string, FormValue>): Promise<T> {
  const { text } = await send(method, path, form);
  return (text ? safeJson(text) : undefined) as T;
}

/** A file the server offers as a download (`GET`): its text, and its name from content-disposition. */
export async function callFile(path: string): Promise<{ fileName: string | undefined; text: string }> {
  const { response, text } = await send('GET', path);
  return { fileName: fileNameOf(response.headers.get('content-disposition') ?? ''), text };
}

/** The request with credentials; Twilio's error JSON as an ApiError for every non-2xx answer. */
async function send(method: string, path: string, form?: Record<string, FormValue>): Promise<{ response: Response; text: string }> {
  const credentials = storedCredentials();
  const headers: Record<string, string> = credentials ? { authorization: authorizationHeader(credentials) } : {};
  let body: URLSearchParams | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, String(item));
    }
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const response = await fetch(path, { method, headers, body });
  const text = await response.text();
  if (!response.ok) {
    const error = (text ? safeJson(text) : {}) as { code?: number; message?: string; details?: unknown };
    throw new ApiError(response.status, error.code, error.message ?? `${method} ${path} answered ${response.status}`, error.details);
  }
  return { response, text };
}

/** `filename*=UTF-8''…` (the name as it is), else `filename="…"`. */
function fileNameOf(disposition: string): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="([^"]*)"/i.exec(disposition)?.[1];
}

/** The account's path in the 2010-04-01 API. */
export function accountPath(): string {
  return `/2010-04-01/Accounts/${storedCredentials()?.accountSid ?? ''}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}
