import { describeError } from '../../../../errors.ts';
import { textOf } from '../../../../twiml/twiml-node.ts';
import type { VerbRunner } from './verb.ts';

/**
 * <Sms> (and <Message>) inside a call: a text from the call's platform number to the other
 * party. With `action`, SmsSid and SmsStatus are requested there; without, the next verb runs.
 */
export const sms: VerbRunner = async (element, context) => {
  const { leg, network } = context;
  const call = leg.record;
  const platformSide = call.direction === 'inbound' ? call.to : call.from;
  const otherSide = call.direction === 'inbound' ? call.from : call.to;
  const to = element.attributes.to ?? otherSide;
  const from = element.attributes.from ?? platformSide;
  const body = textOf(element).trim();
  let params: Record<string, string>;
  try {
    const message = await network.messaging.sendMessage({
      accountSid: leg.account.sid,
      from,
      to,
      body,
      mediaUrls: [],
      direction: 'outbound-call',
      statusCallback: element.attributes.statusCallback ? context.resolve(element.attributes.statusCallback) : undefined,
    });
    leg.hear('sms', { to, from, body, messageSid: message.sid });
    params = { SmsSid: message.sid, SmsStatus: 'sending' };
  } catch (error) {
    leg.hear('warning', { code: 14101, message: `<${element.name}> could not be sent: ${describeError(error)}` });
    params = { SmsStatus: 'invalid' };
  }
  const action = element.attributes.action ? context.action(element, false, params) : undefined;
  return action ? { transfer: action } : undefined;
};
