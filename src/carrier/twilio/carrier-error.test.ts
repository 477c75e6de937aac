import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../../errors.ts';
import { carrierError } from './carrier-error.ts';

/** Twilio's answer to a failed request, as the package raises it. */
const answer = (statusCode: number, body: Record<string, unknown>) => new twilio.RestException({ statusCode, body: JSON.stringify(body), headers: {} });

describe('carrierError', () => {
  it.each([
    [401, { code: 20003, message: 'Authenticate' }, 20003, 502, 'Twilio refused the credentials; check TWILIO_ACCOUNT_SID'],
    [400, { code: 21606, message: "The 'From' phone number is not a valid, SMS-capable inbound phone number" }, 21606, 400, 'not a valid, SMS-capable'],
    [400, { code: 21211, message: "The 'To' number 12 is not a valid phone number." }, 21211, 400, "Invalid 'To' Phone Number: The 'To' number 12"],
    [429, { code: 20429, message: 'Too Many Requests' }, 20429, 429, 'rate limiting this account'],
    [400, { code: 21610, message: 'Attempt to send to unsubscribed recipient' }, 89015, 502, 'Twilio refused the request: Attempt to send to unsubscribed recipient (Twilio error 21610, HTTP 400)'],
  ])('HTTP %i %j is our %i (HTTP %i)', (status, body, code, ourStatus, words) => {
    const error = carrierError(answer(status, body), 'api.twilio.com');
    expect(error).toBeInstanceOf(SwitchboardError);
    expect(error).toMatchObject({ code, status: ourStatus });
    expect(error.message).toContain(words);
  });

  it('names the host it could not reach, and nothing of the request', () => {
    const failure = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', config: { auth: { password: 'secret' } } });
    const error = carrierError(failure, 'api.twilio.com');
    expect(error).toMatchObject({ code: 89014, status: 502, message: 'The carrier could not be reached: api.twilio.com: connect ECONNREFUSED 127.0.0.1:9' });
    expect(JSON.stringify(error.toJSON())).not.toContain('secret');
  });
});
