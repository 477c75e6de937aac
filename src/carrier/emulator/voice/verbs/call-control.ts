import { textOf } from '../../../../twiml/twiml-node.ts';
import { methodAttribute, type VerbRunner } from './verb.ts';

/** <Redirect>: the rest of this document is skipped for the TwiML at its URL. */
export const redirect: VerbRunner = async (element, context) => {
  const url = context.resolve(textOf(element).trim() || context.leg.documentUrl || '');
  context.leg.hear('redirect', { url });
  return { transfer: { url, method: methodAttribute(element) } };
};

export const hangup: VerbRunner = async (_element, { leg }) => {
  leg.hear('hangup', { by: 'twiml' });
  return { hangup: 'completed' };
};

/** <Reject> on an unanswered inbound call: never answered, busy or no-answer by its reason. */
export const reject: VerbRunner = async (element, { leg }) => {
  const reason = element.attributes.reason === 'busy' ? 'busy' : 'rejected';
  leg.hear('reject', { reason });
  if (leg.record.status === 'in-progress') return { hangup: 'completed' };
  return { hangup: reason === 'busy' ? 'busy' : 'no-answer' };
};
