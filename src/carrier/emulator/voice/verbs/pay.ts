import { elementsOf, type TwimlElement } from '../../../../twiml/twiml-node.ts';
import type { LegInput } from '../call-leg.ts';
import { chargeWithTestConnector, validatePaymentCard, type PaymentCardType } from '../payment-card.ts';
import { hearPrompt, promptsOf } from './prompts.ts';
import { numberAttribute, type VerbContext, type VerbRunner } from './verb.ts';

type PayField = 'payment-card-number' | 'expiration-date' | 'security-code' | 'postal-code';

const defaultPrompts: Record<PayField, string> = {
  'payment-card-number': 'Please enter your credit card number, followed by the pound key.',
  'expiration-date': 'Please enter your expiration date, two digits for the month and two digits for the year.',
  'security-code': 'Please enter your security code.',
  'postal-code': 'Please enter your zip code.',
};

/**
 * <Pay> against the emulator's built-in test connector: the caller keys the card number,
 * expiry, security code and postal code (each ended by `#`); test card numbers are approved and
 * any other card is declined. `*` abandons the payment. The outcome goes to `action`.
 */
export const pay: VerbRunner = async (element, context) => {
  const { leg, network } = context;
  const maxAttempts = Math.min(Math.max(numberAttribute(element, 'maxAttempts', 1), 1), 3);
  const fields: PayField[] = ['payment-card-number', 'expiration-date'];
  if (element.attributes.securityCode !== 'false') fields.push('security-code');
  const postalCode = element.attributes.postalCode ?? 'true';
  if (postalCode === 'true') fields.push('postal-code');
  leg.hear('pay', { chargeAmount: element.attributes.chargeAmount ?? null, currency: element.attributes.currency ?? 'usd' });

  let result: Record<string, string> | undefined;
  for (let attempt = 1; attempt <= maxAttempts && !result; attempt++) {
    const entered: Partial<Record<PayField, string>> = {};
    for (const field of fields) {
      const digits = await askFor(field, element, context, attempt);
      if (digits === undefined) return finishPay(element, context, { Result: 'caller-interrupted-with-star' });
      entered[field] = digits;
    }
    const request = {
      cardNumber: entered['payment-card-number'] ?? '',
      expirationDate: entered['expiration-date'] ?? '',
      securityCode: entered['security-code'] ?? '',
      postalCode: entered['postal-code'] ?? (postalCode === 'false' ? '' : postalCode),
      chargeAmount: element.attributes.chargeAmount,
      currency: element.attributes.currency ?? 'usd',
      validCardTypes: (element.attributes.validCardTypes ?? 'visa mastercard amex').split(/\s+/).filter(Boolean) as PaymentCardType[],
      tokenType: element.attributes.tokenType ?? 'reusable',
    };
    const invalid = validatePaymentCard(request, network.clock.now());
    if (invalid) {
      leg.hear('pay-invalid', { error: invalid, attempt });
      continue;
    }
    // The connector's ids look like a card processor's (ch_…, tok_…), made from a SID's 32 hex digits.
    const connectorId = (prefix: string) => prefix + network.sids.next('PK').slice(2);
    result = chargeWithTestConnector(request, { now: network.clock.now(), sid: connectorId }).params;
  }
  return finishPay(element, context, result ?? { Result: 'too-many-failed-attempts' });
};

/** Prompts for one field and collects digits up to `#`; undefined when the caller presses `*`. */
async function askFor(field: PayField, element: TwimlElement, context: VerbContext, attempt: number): Promise<string | undefined> {
  const { leg, network } = context;
  const custom = elementsOf(element).find(
    (prompt) => prompt.name === 'Prompt' && prompt.attributes.for === field && (!prompt.attributes.attempt || prompt.attributes.attempt.split(/\s+/).includes(String(attempt))),
  );
  if (custom) for (const prompt of promptsOf(custom)) hearPrompt(leg, prompt);
  else leg.hear('say', { text: defaultPrompts[field], voice: 'woman', language: element.attributes.language ?? 'en-US' });
  const timeout = numberAttribute(element, 'timeout', 5);
  let digits = '';
  return leg.park<string | undefined>('pay', ['digits'], (finish) => {
    let cancelTimer = network.after(timeout, () => finish(digits));
    return {
      onInput: (input: LegInput) => {
        leg.hear('digits', { digits: input.digits ?? '' });
        for (const key of input.digits ?? '') {
          if (key === '*') return finish(undefined);
          if (key === '#') return finish(digits);
          if (/\d/.test(key)) digits += key;
        }
        cancelTimer();
        cancelTimer = network.after(timeout, () => finish(digits));
      },
      cancel: () => cancelTimer(),
    };
  });
}

function finishPay(element: TwimlElement, context: VerbContext, params: Record<string, string>): ReturnType<VerbRunner> {
  context.leg.hear('pay-ended', { result: params.Result });
  const action = context.action(element, true, params);
  return Promise.resolve(action ? { transfer: action } : undefined);
}
