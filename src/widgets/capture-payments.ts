import { answerCall, callbackOutput, hungUp, withoutCall } from './voice-call.ts';
import { array, boolean, defineWidget, integer, keyValueList, liquidString, plainString, type RenderedProperties } from './widget.ts';
import { keyValuePairs, text } from './property-values.ts';

/** `<Pay>`'s Result → the widget's event. */
const eventOfResult: Record<string, string> = {
  success: 'success',
  'too-many-failed-attempts': 'maxFailedAttempts',
  'payment-connector-error': 'providerError',
  'caller-interrupted-with-star': 'payInterrupted',
  'caller-hung-up': 'hangup',
  'validation-error': 'validationError',
};

/** Studio's values → TwiML's. */
const paymentMethods: Record<string, string> = { CREDIT_CARD: 'credit-card', ACH_DEBIT: 'ach-debit' };
const cardTypes: Record<string, string> = { 'master-card': 'mastercard' };

/**
 * Collects card or ACH details over the call through a Pay Connector (PCI mode accounts only):
 * a `<Pay>` whose action is the widget's callback; its `Result` picks the event.
 */
export default defineWidget({
  type: 'capture-payments',
  label: 'Capture Payments',
  group: 'Connect Other Products',
  channel: 'voice',
  events: ['success', 'maxFailedAttempts', 'providerError', 'payInterrupted', 'hangup', 'validationError'],
  properties: {
    payment_connector: plainString({ description: 'Pay Connector name, e.g. "Default".' }),
    payment_amount: liquidString({ description: '"0" or absent tokenizes without charging.' }),
    currency: plainString({ default: 'usd' }),
    payment_token_type: plainString({ enum: ['one-time', 'reusable'] }),
    payment_method: plainString({ enum: ['CREDIT_CARD', 'ACH_DEBIT'] }),
    bank_account_type: plainString({
      enum: ['CONSUMER_CHECKING', 'CONSUMER_SAVINGS', 'COMMERCIAL_CHECKING', 'COMMERCIAL_SAVINGS'],
    }),
    timeout: integer({ default: 5 }),
    max_attempts: integer({ default: 2 }),
    security_code: boolean({ default: true }),
    postal_code: liquidString({ description: '"true", "false" or a literal postal code.' }),
    min_postal_code_length: integer(),
    valid_card_types: array({
      description: 'Strings: visa, master-card, amex, discover, diners-club, jcb, maestro, optima, enroute.',
    }),
    language: plainString({ default: 'en-US' }),
    description: liquidString(),
    parameters: keyValueList({ description: 'Connector parameters.' }),
  },
  outputs: [
    'Result', 'PaymentToken', 'PaymentConfirmationCode', 'PaymentCardNumber', 'PaymentCardType',
    'ExpirationDate', 'PaymentCardPostalCode', 'ProfileId',
  ],
  run(props, ctx) {
    return (
      withoutCall(ctx) ??
      answerCall(ctx, (response) => {
        const pay = response.pay(payAttributes(props, ctx.callbackUrl()));
        for (const [name, value] of keyValuePairs(props, 'parameters')) pay.parameter({ name, value });
      })
    );
  },
  resume(event, ctx) {
    if (event.type === 'callEnded') return hungUp(ctx, event);
    const output = callbackOutput(event);
    const result = typeof output.Result === 'string' ? output.Result : '';
    // A Result Twilio may add later is a failure the flow cannot tell apart: the provider's.
    return ctx.transition(eventOfResult[result] ?? 'providerError', output);
  },
});

/** The widget's properties as `<Pay>` attributes (those left unset are Twilio's defaults). */
function payAttributes(props: RenderedProperties, action: string): Record<string, string | number | boolean | string[] | undefined> {
  const method = paymentMethods[text(props.payment_method)];
  const amount = text(props.payment_amount);
  const cards = Array.isArray(props.valid_card_types)
    ? props.valid_card_types.filter((card): card is string => typeof card === 'string' && card !== '').map((card) => cardTypes[card] ?? card)
    : [];
  const bankAccount = text(props.bank_account_type);
  return {
    action,
    paymentConnector: text(props.payment_connector) || undefined,
    chargeAmount: amount || undefined,
    currency: text(props.currency) || undefined,
    tokenType: text(props.payment_token_type) || undefined,
    paymentMethod: method,
    bankAccountType: method === 'ach-debit' && bankAccount ? bankAccount.toLowerCase().replace(/_/g, '-') : undefined,
    timeout: typeof props.timeout === 'number' ? props.timeout : undefined,
    maxAttempts: typeof props.max_attempts === 'number' ? props.max_attempts : undefined,
    securityCode: typeof props.security_code === 'boolean' ? props.security_code : undefined,
    postalCode: text(props.postal_code) || undefined,
    minPostalCodeLength: typeof props.min_postal_code_length === 'number' ? props.min_postal_code_length : undefined,
    validCardTypes: cards.length > 0 ? cards : undefined,
    language: text(props.language) || undefined,
    description: text(props.description) || undefined,
  };
}
