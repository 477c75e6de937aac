import { describeError } from '../errors.ts';
import { parseJsonObject } from '../flow/json-depth.ts';
import type { WidgetOutput } from '../engine/execution-state.ts';
import type { HttpRequest, HttpResponse } from '../engine/services.ts';
import type { WidgetContext } from './widget.ts';

/** What make-http-request and run-function share: the call, its limits and its outputs. */

export const httpOutputs = ['status_code', 'content_type', 'body', 'parsed'] as const;

export type HttpCallResult =
  | { ok: true; response: HttpResponse; output: WidgetOutput }
  | { ok: false; reason: string; output: WidgetOutput };

export async function callHttp(
  request: Omit<HttpRequest, 'timeoutMs' | 'maxResponseBytes'>,
  ctx: WidgetContext,
  isSuccess: (status: number) => boolean,
): Promise<HttpCallResult> {
  let response: HttpResponse;
  try {
    response = await ctx.services.http.request({
      ...request,
      timeoutMs: ctx.options.httpTimeoutMs,
      maxResponseBytes: ctx.options.maxHttpResponseBytes,
    });
  } catch (error) {
    return { ok: false, reason: `${request.method} ${request.url}: ${describeError(error)}`, output: {} };
  }
  const output: WidgetOutput = {
    status_code: response.status,
    content_type: response.contentType,
    body: response.body,
  };
  const parsed = jsonResponseObject(response);
  if (parsed !== undefined) output.parsed = parsed;
  const bytes = new TextEncoder().encode(response.body).length;
  if (bytes > ctx.options.maxHttpResponseBytes) {
    return { ok: false, reason: `the response body is ${bytes} bytes; the limit is ${ctx.options.maxHttpResponseBytes}`, output };
  }
  if (!isSuccess(response.status)) {
    return { ok: false, reason: `${request.method} ${request.url} answered ${response.status}`, output };
  }
  return { ok: true, response, output };
}

/**
 * Studio parses only JSON objects; a top-level array or other value is not parsed, and neither
 * is an object nested too deeply to store.
 */
function jsonResponseObject(response: HttpResponse): Record<string, unknown> | undefined {
  return /\bjson\b/i.test(response.contentType) ? parseJsonObject(response.body) : undefined;
}

/** `[{key, value}]` (values already rendered) as URL-encoded form fields. */
export function formEncode(parameters: unknown): string {
  const form = new URLSearchParams();
  for (const item of Array.isArray(parameters) ? parameters : []) {
    if (item && typeof item === 'object' && typeof item.key === 'string') form.append(item.key, String(item.value ?? ''));
  }
  return form.toString();
}
