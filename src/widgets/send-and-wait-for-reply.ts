import { describeError, errorRecord } from '../errors.ts';
import { checkOutboundMessage, outboundMessageOutputs, outboundMessageProperties, sendOutboundMessage } from './outbound-message.ts';
import { defineWidget, numericString } from './widget.ts';

/** Sends a message, then parks the execution until the contact replies or the timer fires. */
export default defineWidget({
  type: 'send-and-wait-for-reply',
  label: 'Send & Wait For Reply',
  group: 'Messaging',
  channel: 'messaging',
  events: ['incomingMessage', 'timeout', 'deliveryFailure'],
  failureEvent: 'deliveryFailure',
  properties: { ...outboundMessageProperties, timeout: numericString({ default: '3600' }) },
  check: checkOutboundMessage,
  outputs: [...outboundMessageOutputs, 'inbound'],
  async run(props, ctx) {
    let outbound;
    try {
      outbound = await sendOutboundMessage(props, ctx);
    } catch (error) {
      return ctx.transition('deliveryFailure', { error: errorRecord('messageFailed', describeError(error)) });
    }
    const timeoutSeconds = Number(props.timeout ?? 3600);
    return ctx.wait({
      events: ['incomingMessage', 'deliveryFailure'],
      timeoutSeconds: Number.isFinite(timeoutSeconds) && timeoutSeconds >= 0 ? timeoutSeconds : 3600,
      output: { outbound },
    });
  },
  resume(event, ctx) {
    if (event.type === 'incomingMessage') return ctx.transition('incomingMessage', { inbound: event.params ?? {} });
    if (event.type === 'deliveryFailure') return ctx.transition('deliveryFailure', { outbound: { ...ctx.previousOutput?.outbound as object, ...event.params } });
    return ctx.transition('timeout');
  },
});
