/**
 * The emulator's built-in payment connector behind `<Pay>`: it checks a card the way a gateway
 * would, approves the well-known test card numbers, and declines every other card, so a flow can
 * be tested through both its success and its failure paths without a real gateway.
 */

/** Card brands by the names `<Pay validCardTypes>` and `PaymentCardType` use. */
export type PaymentCardType = 'visa' | 'mastercard' | 'amex' | 'maestro' | 'discover' | 'optima' | 'jcb' | 'diners-club' | 'enroute';

/** Why a card was refused before reaching the connector, named as `<Prompt errorType>` names it. */
export type PayValidationError = 'invalid-card-number' | 'invalid-card-type' | 'invalid-date' | 'invalid-security-code';

export interface PayRequest {
  cardNumber: string;
  /** MMYY. */
  expirationDate: string;
  /** Empty when `<Pay securityCode="false">` did not ask for it. */
  securityCode: string;
  postalCode?: string;
  /** Empty, absent or 0 tokenizes the card; more than 0 charges it. */
  chargeAmount?: string;
  currency: string;
  validCardTypes: PaymentCardType[];
  tokenType: string;
}

export interface PayOutcome {
  result: 'success' | 'payment-connector-error' | 'validation-error';
  /** The parameters Twilio adds to the `<Pay>` action request. */
  params: Record<string, string>;
}

export interface TestCard {
  number: string;
  type: PaymentCardType;
}

/**
 * The cards the test connector approves: the numbers Stripe, Braintree and PayPal publish for
 * testing. Amex Optima has no numbers of its own (they are Amex numbers), so none is listed.
 */
export const testCards: readonly TestCard[] = [
  { number: '4242424242424242', type: 'visa' },
  { number: '4111111111111111', type: 'visa' },
  { number: '4012888888881881', type: 'visa' },
  { number: '4000056655665556', type: 'visa' },
  { number: '5555555555554444', type: 'mastercard' },
  { number: '2223003122003222', type: 'mastercard' },
  { number: '5200828282828210', type: 'mastercard' },
  { number: '5105105105105100', type: 'mastercard' },
  { number: '378282246310005', type: 'amex' },
  { number: '371449635398431', type: 'amex' },
  { number: '6011111111111117', type: 'discover' },
  { number: '6011000990139424', type: 'discover' },
  { number: '3566002020360505', type: 'jcb' },
  { number: '30569309025904', type: 'diners-club' },
  { number: '36227206271667', type: 'diners-club' },
  { number: '3056930009020004', type: 'diners-club' },
  { number: '6759649826438453', type: 'maestro' },
  { number: '6304000000000000', type: 'maestro' },
  { number: '201400000000009', type: 'enroute' },
];

interface Brand {
  type: PaymentCardType;
  prefix: RegExp;
  lengths: readonly number[];
}

const upTo19 = (from: number) => Array.from({ length: 20 - from }, (_, index) => from + index);

/**
 * Issuer prefixes (IIN ranges) and lengths. Order matters where ranges overlap: Discover's
 * 6011, 622126–622925, 644–649 and 65 are tested before Maestro.
 */
const brands: readonly Brand[] = [
  { type: 'amex', prefix: /^3[47]/, lengths: [15] },
  { type: 'enroute', prefix: /^(2014|2149)/, lengths: [15] },
  { type: 'jcb', prefix: /^35(2[89]|[3-8]\d)/, lengths: upTo19(16) },
  { type: 'diners-club', prefix: /^(30[0-5]|3095|3[689])/, lengths: upTo19(14) },
  { type: 'visa', prefix: /^4/, lengths: [13, 16, 19] },
  { type: 'mastercard', prefix: /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, lengths: [16] },
  { type: 'discover', prefix: /^(6011|62212[6-9]|6221[3-9]\d|622[2-8]\d\d|6229[01]\d|62292[0-5]|64[4-9]|65)/, lengths: upTo19(16) },
  { type: 'maestro', prefix: /^(5[06-8]|6304|639|67)/, lengths: upTo19(12) },
];

/** The card's brand from its digits, or undefined when no brand has that prefix and length. */
export function cardType(number: string): PaymentCardType | undefined {
  if (!/^\d+$/.test(number)) return undefined;
  return brands.find((brand) => brand.prefix.test(number) && brand.lengths.includes(number.length))?.type;
}

export function luhnValid(number: string): boolean {
  if (!/^\d+$/.test(number)) return false;
  let sum = 0;
  for (let index = 0; index < number.length; index++) {
    let digit = Number(number[number.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Every digit but the last four replaced by `x`: `xxxxxxxxxxxx1111`. Twilio's docs do not show the
 * form; this is the one a real `<Pay>` session reported (a Stripe connector's status callback).
 */
export function maskCardNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  return 'x'.repeat(Math.max(0, digits.length - 4)) + digits.slice(-4);
}

/** MMYY with a real month, and the card still valid in the month of `now` (UTC). */
export function validExpiry(mmyy: string, now: number): boolean {
  const match = /^(\d{2})(\d{2})$/.exec(mmyy);
  if (!match) return false;
  const month = Number(match[1]);
  if (month < 1 || month > 12) return false;
  const today = new Date(now);
  // A card expires at the end of its month; two-digit years are this century's.
  return (2000 + Number(match[2])) * 12 + month >= today.getUTCFullYear() * 12 + today.getUTCMonth() + 1;
}

/**
 * The brand the request accepts the card as. Optima cards carry Amex numbers, so an Amex-numbered
 * card is reported as `optima` when only Optima is accepted (Twilio's own rule is unverified).
 */
function acceptedType(number: string, validCardTypes: readonly PaymentCardType[]): PaymentCardType | undefined {
  const type = cardType(number);
  if (type === 'amex' && !validCardTypes.includes('amex') && validCardTypes.includes('optima')) return 'optima';
  return type && validCardTypes.includes(type) ? type : undefined;
}

/** What is wrong with the card as the caller entered it, or undefined when nothing is. */
export function validatePaymentCard(request: PayRequest, now: number): PayValidationError | undefined {
  const type = cardType(request.cardNumber);
  // enRoute numbers carry no check digit.
  if (!type || (type !== 'enroute' && !luhnValid(request.cardNumber))) return 'invalid-card-number';
  if (!acceptedType(request.cardNumber, request.validCardTypes)) return 'invalid-card-type';
  if (!validExpiry(request.expirationDate, now)) return 'invalid-date';
  const codeLength = type === 'amex' ? 4 : 3;
  if (request.securityCode !== '' && !new RegExp(`^\\d{${codeLength}}$`).test(request.securityCode)) return 'invalid-security-code';
  return undefined;
}

const validationMessages: Record<PayValidationError, string> = {
  'invalid-card-number': 'the card number is not a valid card number',
  'invalid-card-type': 'the card type is not one of validCardTypes',
  'invalid-date': 'the expiration date is not a valid MMYY date in the future',
  'invalid-security-code': 'the security code must be 3 digits (4 for American Express)',
};

export function chargeWithTestConnector(request: PayRequest, services: { now: number; sid: (prefix: string) => string }): PayOutcome {
  const card: Record<string, string> = {
    PaymentMethod: 'credit-card',
    PaymentCardNumber: maskCardNumber(request.cardNumber),
    PaymentCardType: acceptedType(request.cardNumber, request.validCardTypes) ?? cardType(request.cardNumber) ?? '',
    ExpirationDate: request.expirationDate,
    SecurityCode: 'x'.repeat(request.securityCode.length),
    ...(request.postalCode !== undefined && { PaymentCardPostalCode: request.postalCode }),
  };
  const invalid = validatePaymentCard(request, services.now);
  const amount = request.chargeAmount?.trim() ? Number(request.chargeAmount) : 0;
  if (invalid || !(amount >= 0)) {
    const message = invalid ? `${invalid}: ${validationMessages[invalid]}` : `chargeAmount "${request.chargeAmount}" is not a positive decimal number`;
    // Twilio publishes no error code for bad input (it asks the caller again), and no connector saw it.
    return { result: 'validation-error', params: { Result: 'validation-error', ...card, PaymentError: message, PayErrorCode: '', ConnectorError: '' } };
  }
  if (!testCards.some((testCard) => testCard.number === request.cardNumber)) {
    // A real connector in test mode answers 64022 "Invalid Test Card Number"; a decline is what a flow needs to exercise.
    return {
      result: 'payment-connector-error',
      params: {
        Result: 'payment-connector-error',
        ...card,
        PaymentError: 'Pay: Payment Gateway rejected the card.',
        PayErrorCode: '64012',
        ConnectorError: "card declined: the emulator's test connector approves only its test card numbers",
      },
    };
  }
  // Identifiers shaped like Stripe's (ch_, tok_, pm_, cus_); a charge reports empty token fields, as Twilio does.
  const charging = amount > 0;
  const token = charging ? '' : services.sid(request.tokenType === 'one-time' ? 'tok_' : 'pm_');
  return {
    result: 'success',
    params: {
      Result: 'success',
      ...card,
      PaymentConfirmationCode: charging ? services.sid('ch_') : '',
      PaymentToken: token,
      ProfileId: !charging && request.tokenType === 'reusable' ? services.sid('cus_') : '',
    },
  };
}
