import { errorRecord } from '../errors.ts';
import { boolean, defineWidget, keyValueList, liquidString, plainString, type RenderedProperties } from './widget.ts';
import { callHttp, formEncode, httpOutputs } from './http-call.ts';

const formContentType = 'application/x-www-form-urlencoded;charset=utf-8';
const jsonContentType = 'application/json;charset=utf-8';

/**
 * Calls a URL. `success` needs a 2xx answer within the timeout and under the size limit;
 * anything else is `failed` (81016). Form parameters go in the query string for GET and in
 * the body for POST; the JSON content type sends `body` as it is.
 */
export default defineWidget({
  type: 'make-http-request',
  label: 'Make HTTP Request',
  group: 'Tools & Execute Code',
  channel: 'any',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {
    method: plainString({ enum: ['GET', 'POST'], default: 'GET' }),
    url: liquidString({ required: true }),
    content_type: plainString({ enum: [formContentType, jsonContentType], default: formContentType }),
    body: liquidString(),
    parameters: keyValueList(),
    add_twilio_auth: boolean({ default: false }),
  },
  outputs: httpOutputs,
  async run(props, ctx) {
    const result = await callHttp({ ...httpRequestOf(props), addTwilioAuth: props.add_twilio_auth === true }, ctx, (status) => status >= 200 && status < 300);
    if (result.ok) return ctx.transition('success', result.output);
    return ctx.transition('failed', { ...result.output, error: errorRecord('httpFailed', result.reason) });
  },
});

/**
 * The request the widget makes from its rendered properties (also how a recorded test names the
 * request its mock answers): form parameters in the query string for GET and in the body for POST.
 */
export function httpRequestOf(props: RenderedProperties): { method: 'GET' | 'POST'; url: string; headers: Record<string, string>; body?: string } {
  const method = props.method === 'POST' ? 'POST' : 'GET';
  const isJson = typeof props.content_type === 'string' && props.content_type.startsWith('application/json');
  let url = String(props.url ?? '');
  let body: string | undefined;
  if (isJson) {
    body = method === 'POST' ? String(props.body ?? '') : undefined;
  } else {
    const form = formEncode(props.parameters);
    if (method === 'POST') body = form;
    else if (form) url += (url.includes('?') ? '&' : '?') + form;
  }
  return { method, url, headers: body === undefined ? {} : { 'content-type': isJson ? jsonContentType : formContentType }, body };
}
