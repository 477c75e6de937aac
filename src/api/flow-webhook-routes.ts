import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { resourceNotFound, SwitchboardError } from '../errors.ts';
import type { AppContext } from './app-context.ts';
import { asParams, fieldText } from './params.ts';

type WebhookParams = { Params: { accountSid: string; flowSid: string } };

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * The flow's webhook URL, where a carrier delivers inbound messages (Studio's
 * `https://webhooks.twilio.com/v1/Accounts/{AC}/Flows/{FW}`). It answers empty TwiML: the flow
 * replies through the Messages API, as Studio does.
 */
export function registerFlowWebhookRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, runtime, logger } = context;

  const handler = async (request: FastifyRequest<WebhookParams>, reply: FastifyReply) => {
    const { accountSid, flowSid } = request.params;
    const params = stringParams(request.method === 'GET' ? request.query : request.body);
    const flow = await store.getFlow(flowSid);
    if (!flow || flow.accountSid !== accountSid) throw resourceNotFound(`/Accounts/${accountSid}/Flows/${flowSid}`);
    if (context.verifySignatures) {
      const account = await store.getAccount(accountSid);
      const signature = request.headers['x-twilio-signature'];
      const url = context.publicUrl + request.url;
      const signedParams = request.method === 'GET' ? {} : params;
      if (typeof signature !== 'string' || !account || !twilio.validateRequest(account.authToken, signature, url, signedParams)) {
        logger.warn({ url, signed: typeof signature === 'string' }, 'webhook signature check failed: is --public-url the URL the carrier calls?');
        throw new SwitchboardError('signatureInvalid', typeof signature === 'string' ? `the X-Twilio-Signature does not match ${url}` : 'the request has no X-Twilio-Signature header');
      }
    }
    if (params.MessageSid && params.From) await runtime.receiveMessage(flow, params);
    else logger.warn({ flow: flowSid }, 'webhook request is not an inbound message; only messaging triggers run so far');
    reply.type('text/xml');
    return emptyTwiml;
  };

  app.post<WebhookParams>('/v1/Accounts/:accountSid/Flows/:flowSid', handler);
  app.get<WebhookParams>('/v1/Accounts/:accountSid/Flows/:flowSid', handler);
}

/** Form parameters as strings (a repeated one keeps its last value). */
function stringParams(value: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, item] of Object.entries(asParams(value))) {
    params[key] = fieldText(key, Array.isArray(item) ? item.at(-1) : item);
  }
  return params;
}
