import { errorRecord } from '../errors.ts';
import { defineWidget, keyValueList, liquidString, oneOf, plainString } from './widget.ts';
import { callHttp, formEncode, httpOutputs } from './http-call.ts';

/**
 * Calls a Twilio Function (any URL here) with its parameters as a POST form. `success` needs a
 * 2xx or 3xx answer. `parsed` is merged across runs of the same widget, and a response that
 * is not a JSON object keeps the earlier `parsed`, as Studio documents.
 */
export default defineWidget({
  type: 'run-function',
  label: 'Run Function',
  group: 'Tools & Execute Code',
  channel: 'any',
  events: ['success', 'fail'],
  failureEvent: 'fail',
  properties: {
    url: liquidString({ required: true }),
    service_sid: plainString(),
    environment_sid: plainString(),
    function_sid: plainString(),
    parameters: keyValueList(),
    timeout: oneOf(['integer', 'string'], { nullable: true }),
  },
  outputs: httpOutputs,
  async run(props, ctx) {
    const result = await callHttp(
      {
        method: 'POST',
        url: String(props.url ?? ''),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formEncode(props.parameters),
      },
      ctx,
      (status) => status >= 200 && status < 400,
    );
    const earlier = ctx.previousOutput?.parsed;
    const later = result.output.parsed;
    if (earlier && typeof earlier === 'object') {
      result.output.parsed = { ...(earlier as object), ...(later as object | undefined) };
    }
    if (result.ok) return ctx.transition('success', result.output);
    return ctx.transition('fail', { ...result.output, error: errorRecord('functionFailed', result.reason) });
  },
});
