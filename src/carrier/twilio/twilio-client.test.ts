import { describe, expect, it } from 'vitest';
import { twilioCredentialsFromEnv } from './twilio-client.ts';

const account = 'AC' + 'a'.repeat(32);

describe('twilioCredentialsFromEnv', () => {
  it('takes the account and auth token, or an API key and secret, and a base URL', () => {
    expect(twilioCredentialsFromEnv({ TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: 'token' })).toEqual({ accountSid: account, username: account, password: 'token', authToken: 'token' });
    expect(twilioCredentialsFromEnv({ TWILIO_ACCOUNT_SID: account, TWILIO_API_KEY: 'SK1', TWILIO_API_SECRET: 'secret', TWILIO_API_BASE_URL: 'http://127.0.0.1:3001' })).toEqual({
      accountSid: account,
      username: 'SK1',
      password: 'secret',
      baseUrl: 'http://127.0.0.1:3001',
    });
  });

  it.each([
    [{}, 'TWILIO_ACCOUNT_SID is not set'],
    [{ TWILIO_ACCOUNT_SID: 'me' }, 'TWILIO_ACCOUNT_SID must be an Account SID'],
    [{ TWILIO_ACCOUNT_SID: account }, 'set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET'],
    [{ TWILIO_ACCOUNT_SID: account, TWILIO_API_KEY: 'SK1' }, 'TWILIO_API_KEY and TWILIO_API_SECRET go together'],
    [{ TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: 't', TWILIO_API_BASE_URL: 'twilio' }, 'TWILIO_API_BASE_URL must be an http(s) URL'],
  ])('refuses %j with a reason', (env, reason) => {
    expect(twilioCredentialsFromEnv(env)).toEqual({ error: expect.stringContaining(reason) });
  });
});
