import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { RunningServer } from '../../src/server/server.ts';
import { accountSid, authToken } from './test-server.ts';

/** The official package's request client, with https://*.twilio.com rewritten to the server. */
export class SwitchboardHttpClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...options, uri: options.uri.replace(/^https:\/\/[a-z]+\.twilio\.com/, this.base) });
  }
}

/** The official `twilio` client, unchanged, talking to a test server. */
export function twilioClient(server: RunningServer, username = accountSid, password = authToken, options: { accountSid?: string } = {}): twilio.Twilio {
  return twilio(username, password, { httpClient: new SwitchboardHttpClient(server.url), accountSid: options.accountSid });
}
