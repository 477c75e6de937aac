import { errorRecord } from '../errors.ts';
import { voiceResponse } from '../twiml/responses.ts';
import { hungUp, voiceEvents, withoutCall } from './voice-call.ts';
import { defineWidget, liquidString, numericString, plainString } from './widget.ts';

/** The longest a TwiML Redirect waits for the call to come back, in seconds (Studio's maximum and default). */
const maxTimeout = 14400;

/**
 * Redirects the call to external TwiML, which may return to the flow with `?FlowEvent=return`.
 *
 * Studio does not fetch the URL itself: it answers with `<Redirect method>url</Redirect>`, and the
 * widget waits for the call to come back to the flow's webhook with `FlowEvent=return` (the
 * runtime gives that request to this widget as its callback), for `timeout` seconds, or for the
 * caller to hang up. With `timeout` "0" the flow does not take the call back: a return is not
 * routed to it (the call then hears an empty document and ends), and the `timeout` transition is
 * taken at the next timer run.
 */
export default defineWidget({
  type: 'add-twiml-redirect',
  label: 'TwiML Redirect',
  group: 'Voice',
  channel: 'voice',
  events: ['return', 'timeout', 'fail'],
  failureEvent: 'fail',
  properties: {
    url: liquidString({ required: true }),
    method: plainString({ enum: ['POST', 'GET'], default: 'POST' }),
    timeout: numericString({ default: '14400', description: 'Seconds to wait for a return (0-14400; "0": none).' }),
  },
  // The return URL's extra query parameters become `widgets.<name>.<param>`.
  outputs: [],
  run(props, ctx) {
    const noCall = withoutCall(ctx);
    if (noCall) return noCall;
    const url = typeof props.url === 'string' ? props.url.trim() : '';
    if (!isHttpUrl(url)) {
      return ctx.transition('fail', { error: errorRecord('invalidUrl', `"${url}" is not an absolute http or https URL`) });
    }
    const timeout = timeoutSeconds(props.timeout);
    const method = String(props.method ?? 'POST').toUpperCase() === 'GET' ? 'GET' : 'POST';
    const response = voiceResponse();
    response.redirect({ method }, url);
    // "0": the flow lets the call go; only a hangup before the timer runs still ends it here.
    const events = timeout === 0 ? ['callEnded'] : voiceEvents;
    return ctx.wait({ events, timeoutSeconds: timeout, twiml: response.element });
  },
  resume(event, ctx) {
    if (event.type === 'callEnded') return hungUp(ctx, event);
    if (event.type === 'timeout') return ctx.transition('timeout');
    const { FlowEvent: _flowEvent, Event: _marker, ...params } = (event.params ?? {}) as Record<string, unknown>;
    return ctx.transition('return', params);
  },
});

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `timeout` as whole seconds within 0-14400; what is not a number gets the default. */
function timeoutSeconds(value: unknown): number {
  const seconds = Number(typeof value === 'string' ? value.trim() : value);
  if (value === '' || value === undefined || value === null || !Number.isFinite(seconds) || seconds < 0) return maxTimeout;
  return Math.min(Math.floor(seconds), maxTimeout);
}
