import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

/**
 * The official package's request client with `https://*.twilio.com` replaced by one base URL:
 * `TWILIO_API_BASE_URL` for a TwiML-compatible provider, or a Switchboard server playing Twilio.
 */
export class BaseUrlHttpClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super();
  }

  override request<TData>(options: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...options, uri: options.uri.replace(/^https:\/\/[a-z0-9.-]+\.twilio\.com/, this.base.replace(/\/$/, '')) });
  }
}

/** How to reach a Twilio account: the account, who signs in (the account or an API key), and where. */
export interface TwilioCredentials {
  accountSid: string;
  /** The Account SID, or an API key SID (SK…). */
  username: string;
  password: string;
  /** The account's auth token, when given: Twilio signs webhooks with it. */
  authToken?: string;
  /** Replaces https://*.twilio.com when set. */
  baseUrl?: string;
}

/**
 * Credentials from the environment, as Twilio's own tools read them: TWILIO_ACCOUNT_SID with
 * TWILIO_AUTH_TOKEN, or with TWILIO_API_KEY and TWILIO_API_SECRET; TWILIO_API_BASE_URL optional.
 */
export function twilioCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): TwilioCredentials | { error: string } {
  const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_API_KEY: apiKey, TWILIO_API_SECRET: apiSecret, TWILIO_API_BASE_URL: baseUrl } = env;
  if (!accountSid) return { error: 'TWILIO_ACCOUNT_SID is not set' };
  if (!/^AC[0-9a-f]{32}$/.test(accountSid)) return { error: `TWILIO_ACCOUNT_SID must be an Account SID (AC and 32 hex digits), not "${accountSid}"` };
  if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl)) return { error: `TWILIO_API_BASE_URL must be an http(s) URL, not "${baseUrl}"` };
  const where = baseUrl ? { baseUrl } : {};
  if (apiKey || apiSecret) {
    if (!apiKey || !apiSecret) return { error: 'TWILIO_API_KEY and TWILIO_API_SECRET go together' };
    return { accountSid, username: apiKey, password: apiSecret, ...(authToken ? { authToken } : {}), ...where };
  }
  if (!authToken) return { error: 'set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET' };
  return { accountSid, username: accountSid, password: authToken, authToken, ...where };
}

/** The host requests for these credentials go to, for messages: the base URL's, else Twilio's own (`twilioHost`). */
export function apiHost(credentials: TwilioCredentials, twilioHost = 'api.twilio.com'): string {
  return credentials.baseUrl ? new URL(credentials.baseUrl).host : twilioHost;
}

/** The official `twilio` client for these credentials, at the base URL when one is set. */
export function createTwilioClient(credentials: TwilioCredentials): twilio.Twilio {
  return twilio(credentials.username, credentials.password, {
    accountSid: credentials.accountSid,
    ...(credentials.baseUrl ? { httpClient: new BaseUrlHttpClient(credentials.baseUrl) } : {}),
  });
}
