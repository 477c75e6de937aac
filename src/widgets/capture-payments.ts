import { array, boolean, defineWidget, integer, keyValueList, liquidString, plainString } from './widget.ts';

/** Collects card or ACH details over the call through a Pay Connector (PCI mode accounts only). */
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
});
