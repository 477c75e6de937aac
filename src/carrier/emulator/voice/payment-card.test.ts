import { describe, expect, it } from 'vitest';
import { seededSids } from '../../../runtime/sid-generator.ts';
import { cardType, chargeWithTestConnector, luhnValid, maskCardNumber, testCards, validExpiry, validatePaymentCard, type PayRequest } from './payment-card.ts';

const june2025 = Date.UTC(2025, 5, 15);

function services() {
  const sids = seededSids(7);
  return { now: june2025, sid: (prefix: string) => sids.next(prefix) };
}

function request(overrides: Partial<PayRequest> = {}): PayRequest {
  return {
    cardNumber: '4242424242424242',
    expirationDate: '1230',
    securityCode: '123',
    chargeAmount: '10.00',
    currency: 'usd',
    validCardTypes: ['visa', 'mastercard', 'amex'],
    tokenType: 'reusable',
    ...overrides,
  };
}

describe('cardType', () => {
  it('names every test card by its brand', () => {
    for (const card of testCards) expect(cardType(card.number), card.number).toBe(card.type);
  });

  it('checks the length as well as the prefix', () => {
    expect(cardType('411111111111111')).toBeUndefined();
    expect(cardType('4111111111111')).toBe('visa');
    expect(cardType('37828224631000')).toBeUndefined();
    expect(cardType('2221000000000009')).toBe('mastercard');
    expect(cardType('6500000000000002')).toBe('discover');
    expect(cardType('9999999999999995')).toBeUndefined();
    expect(cardType('4242-4242-4242-4242')).toBeUndefined();
  });
});

describe('luhnValid', () => {
  it('accepts numbers whose check digit is right and refuses the rest', () => {
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('4242 4242')).toBe(false);
  });

  it('holds for every test card but enRoute, whose numbers have no check digit', () => {
    for (const card of testCards.filter((card) => card.type !== 'enroute')) expect(luhnValid(card.number), card.number).toBe(true);
  });
});

describe('maskCardNumber', () => {
  it('keeps only the last four digits', () => {
    expect(maskCardNumber('4111111111111111')).toBe('xxxxxxxxxxxx1111');
    expect(maskCardNumber('378282246310005')).toBe('xxxxxxxxxxx0005');
  });
});

describe('validExpiry', () => {
  it('accepts this month and later, on the given clock', () => {
    expect(validExpiry('0625', june2025)).toBe(true);
    expect(validExpiry('0126', june2025)).toBe(true);
    expect(validExpiry('0525', june2025)).toBe(false);
    expect(validExpiry('1224', june2025)).toBe(false);
  });

  it('refuses what is not MMYY', () => {
    expect(validExpiry('1330', june2025)).toBe(false);
    expect(validExpiry('0030', june2025)).toBe(false);
    expect(validExpiry('12/30', june2025)).toBe(false);
    expect(validExpiry('123', june2025)).toBe(false);
  });
});

describe('validatePaymentCard', () => {
  it('names what is wrong as <Prompt errorType> does', () => {
    expect(validatePaymentCard(request(), june2025)).toBeUndefined();
    expect(validatePaymentCard(request({ cardNumber: '4242424242424241' }), june2025)).toBe('invalid-card-number');
    expect(validatePaymentCard(request({ cardNumber: '6011111111111117' }), june2025)).toBe('invalid-card-type');
    expect(validatePaymentCard(request({ expirationDate: '0125' }), june2025)).toBe('invalid-date');
    expect(validatePaymentCard(request({ securityCode: '12' }), june2025)).toBe('invalid-security-code');
  });

  it('wants four security digits for American Express and none when they were not asked for', () => {
    expect(validatePaymentCard(request({ cardNumber: '378282246310005', securityCode: '123' }), june2025)).toBe('invalid-security-code');
    expect(validatePaymentCard(request({ cardNumber: '378282246310005', securityCode: '1234' }), june2025)).toBeUndefined();
    expect(validatePaymentCard(request({ securityCode: '' }), june2025)).toBeUndefined();
  });

  it('takes an Amex number as Optima when only Optima is accepted', () => {
    expect(validatePaymentCard(request({ cardNumber: '378282246310005', securityCode: '1234', validCardTypes: ['optima'] }), june2025)).toBeUndefined();
  });
});

describe('chargeWithTestConnector', () => {
  it('charges a test card and reports it as Twilio does', () => {
    expect(chargeWithTestConnector(request({ postalCode: '94105' }), services())).toEqual({
      result: 'success',
      params: {
        Result: 'success',
        PaymentMethod: 'credit-card',
        PaymentCardNumber: 'xxxxxxxxxxxx4242',
        PaymentCardType: 'visa',
        ExpirationDate: '1230',
        SecurityCode: 'xxx',
        PaymentCardPostalCode: '94105',
        PaymentConfirmationCode: expect.stringMatching(/^ch_[0-9a-f]{32}$/),
        PaymentToken: '',
        ProfileId: '',
      },
    });
  });

  it('tokenizes when there is nothing to charge', () => {
    for (const chargeAmount of [undefined, '', '0', '0.00']) {
      const { result, params } = chargeWithTestConnector(request({ chargeAmount }), services());
      expect(result).toBe('success');
      expect(params.PaymentConfirmationCode).toBe('');
      expect(params.PaymentToken).toMatch(/^pm_[0-9a-f]{32}$/);
      expect(params.ProfileId).toMatch(/^cus_[0-9a-f]{32}$/);
    }
    const oneTime = chargeWithTestConnector(request({ chargeAmount: '0', tokenType: 'one-time' }), services());
    expect(oneTime.params.PaymentToken).toMatch(/^tok_/);
    expect(oneTime.params.ProfileId).toBe('');
  });

  it('approves every test card its brand allows', () => {
    for (const card of testCards) {
      const outcome = chargeWithTestConnector(
        request({ cardNumber: card.number, securityCode: card.type === 'amex' ? '1234' : '123', validCardTypes: [card.type] }),
        services(),
      );
      expect(outcome.result, card.number).toBe('success');
      expect(outcome.params.PaymentCardType).toBe(card.type);
    }
  });

  it('declines a valid card that is not a test card', () => {
    const { result, params } = chargeWithTestConnector(request({ cardNumber: '4000000000000002' }), services());
    expect(result).toBe('payment-connector-error');
    expect(params).toMatchObject({
      Result: 'payment-connector-error',
      PaymentCardNumber: 'xxxxxxxxxxxx0002',
      PaymentCardType: 'visa',
      PayErrorCode: '64012',
      ConnectorError: expect.stringContaining('card declined'),
    });
    expect(params.PaymentConfirmationCode).toBeUndefined();
  });

  it('refuses bad input as a validation error, before the connector', () => {
    for (const bad of [
      { cardNumber: '4242424242424241' },
      { cardNumber: '6011111111111117' },
      { expirationDate: '0525' },
      { securityCode: '1234' },
      { chargeAmount: 'ten' },
      { chargeAmount: '-1' },
    ]) {
      const { result, params } = chargeWithTestConnector(request(bad), services());
      expect(result, JSON.stringify(bad)).toBe('validation-error');
      expect(params.Result).toBe('validation-error');
      expect(params.PaymentError).not.toBe('');
      expect(params).toHaveProperty('PayErrorCode');
      expect(params).toHaveProperty('ConnectorError');
    }
    expect(chargeWithTestConnector(request({ cardNumber: '4242424242424241' }), services()).params.PaymentError).toMatch(/^invalid-card-number: /);
  });

  it('never reports the security code or the full card number', () => {
    const { params } = chargeWithTestConnector(request({ securityCode: '987' }), services());
    expect(JSON.stringify(params)).not.toContain('987');
    expect(JSON.stringify(params)).not.toContain('4242424242424242');
  });
});
