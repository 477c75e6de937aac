import twilio from 'twilio';
import { BaseUrlHttpClient } from '../../src/carrier/twilio/twilio-client.ts';
import type { RunningServer } from '../../src/server/server.ts';
import { accountSid, authToken } from './test-server.ts';

/** The official `twilio` client, unchanged, talking to a test server. */
export function twilioClient(server: RunningServer, username = accountSid, password = authToken, options: { accountSid?: string } = {}): twilio.Twilio {
  return twilio(username, password, { httpClient: new BaseUrlHttpClient(server.url), accountSid: options.accountSid });
}
