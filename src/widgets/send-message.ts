import { describeError, errorRecord } from '../errors.ts';
import { checkOutboundMessage, outboundMessageOutputs, outboundMessageProperties, sendOutboundMessage } from './outbound-message.ts';
import { defineWidget } from './widget.ts';

/** Sends one message; `sent` means the carrier accepted it, not that it was delivered. */
export default defineWidget({
  type: 'send-message',
  label: 'Send Message',
  group: 'Messaging',
  channel: 'any',
  events: ['sent', 'failed'],
  failureEvent: 'failed',
  properties: outboundMessageProperties,
  check: checkOutboundMessage,
  outputs: outboundMessageOutputs,
  async run(props, ctx) {
    try {
      const outbound = await sendOutboundMessage(props, ctx);
      return ctx.transition('sent', { outbound });
    } catch (error) {
      return ctx.transition('failed', { error: errorRecord('messageFailed', describeError(error)) });
    }
  },
});
