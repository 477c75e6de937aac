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
  const json = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (json ?? {}) as { code?: number; message?: string; details?: unknown };
    throw new ApiError(response.status, error.code, error.message ?? `${method} ${path} answered ${response.status}`, error.details);
  }
  return json as T;
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
