import { defineWidget, liquidString, numericString, plainString } from './widget.ts';

/** Redirects the call to external TwiML, which may return to the flow with `?FlowEvent=return`. */
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
});
