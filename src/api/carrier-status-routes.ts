import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { carrierStatusPath, type TwilioCarrier } from '../carrier/twilio/twilio-carrier.ts';
import { requestWebhook } from '../carrier/webhook-client.ts';
import { describeError, resourceNotFound } from '../errors.ts';
import type { AppContext } from './app-context.ts';
import { lastValues, textParams } from './params.ts';
import { requireTwilioSignature } from './twilio-signature.ts';

type StatusParams = { Params: { accountSid: string } };

/**
 * The real carrier's status callbacks (`--carrier twilio`): message statuses feed the carrier's
 * onMessageStatus, final call statuses its onCallEnded. A `Then` URL in the query (the status
 * callback the flow asked for, such as make-outgoing-call's) hears the same callback first, as the
 * emulator tells a call's own status callback before its end listeners.
 */
export function registerCarrierStatusRoutes(app: FastifyInstance, context: AppContext, carrier: TwilioCarrier): void {
  const { store, logger } = context;

  const receive = (kind: 'Messages' | 'Calls') => async (request: FastifyRequest<StatusParams>, reply: FastifyReply) => {
    const { accountSid } = request.params;
    if (accountSid !== carrier.accountSid) throw resourceNotFound(carrierStatusPath(accountSid, kind));
    const params = textParams(request.body);
    await requireTwilioSignature(request, context, accountSid, params);
    const values = lastValues(params);
    const query = lastValues(textParams(request.query));
    if (query.Then) await forward(query.Then, accountSid, values);
    if (kind === 'Messages') await carrier.messageStatus(values, query.ExecutionSid);
    else await carrier.callStatus(values);
    reply.code(204).send();
  };

  /** Passes the callback on, signed as Twilio signs it: in-process when it is one of this server's URLs. */
  async function forward(url: string, accountSid: string, params: Record<string, string>): Promise<void> {
    const account = await store.getAccount(accountSid);
    if (!account) return;
    try {
      if (url.startsWith(`${context.publicUrl}/`)) {
        const answer = await app.inject({
          method: 'POST',
          url: url.slice(context.publicUrl.length),
          payload: new URLSearchParams(params).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(account.authToken, url, params) },
        });
        if (answer.statusCode >= 400) logger.warn({ url, status: answer.statusCode }, 'status callback refused');
      } else {
        await requestWebhook({ url, method: 'POST', params, authToken: account.authToken });
      }
    } catch (error) {
      logger.warn({ url, reason: describeError(error) }, 'status callback failed');
    }
  }

  // The paths the carrier puts in its status callbacks, from the one place that spells them.
  for (const kind of ['Messages', 'Calls'] as const) app.post<StatusParams>(carrierStatusPath(':accountSid', kind), receive(kind));
}
