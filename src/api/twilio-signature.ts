import type { FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { SwitchboardError } from '../errors.ts';
import type { AppContext } from './app-context.ts';

/**
 * Refuses a request to a webhook Switchboard serves (a flow's, a TwiML Bin's) unless the account
 * signed it as Twilio signs: over `--public-url` plus the path, and the form parameters of a POST.
 * Does nothing when signature checking is off.
 */
export async function requireTwilioSignature(
  request: FastifyRequest,
  context: AppContext,
  accountSid: string,
  params: Record<string, string | string[]>,
): Promise<void> {
  if (!context.verifySignatures) return;
  const account = await context.store.getAccount(accountSid);
  const signature = request.headers['x-twilio-signature'];
  const url = context.publicUrl + request.url;
  const signedParams = request.method === 'GET' ? {} : params;
  if (typeof signature === 'string' && account && twilio.validateRequest(account.authToken, signature, url, signedParams)) return;
  const why = typeof signature !== 'string' ? 'it has no X-Twilio-Signature header' : account ? `its X-Twilio-Signature does not match ${url}` : `account ${accountSid} is not on this server`;
  context.logger.warn(
    { url, method: request.method, signed: typeof signature === 'string' },
    `webhook refused (403): ${why}. The signature is checked against ${url}; the usual causes are a --public-url other than the URL the carrier calls, ` +
      'or a proxy or tunnel that changes the scheme (https to http), the host or the port; check the auth token too. --no-verify-signatures turns checking off.',
  );
  throw new SwitchboardError('signatureInvalid', typeof signature === 'string' ? `the X-Twilio-Signature does not match ${url}` : 'the request has no X-Twilio-Signature header');
}
