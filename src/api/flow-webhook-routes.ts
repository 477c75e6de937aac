import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resourceNotFound } from '../errors.ts';
import type { AppContext } from './app-context.ts';
import { textParams } from './params.ts';
import { requireTwilioSignature } from './twilio-signature.ts';

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
    const params = textParams(request.method === 'GET' ? request.query : request.body);
    const flow = await store.getFlow(flowSid);
    if (!flow || flow.accountSid !== accountSid) throw resourceNotFound(`/Accounts/${accountSid}/Flows/${flowSid}`);
    await requireTwilioSignature(request, context, accountSid, params);
    if (params.MessageSid && params.From) await runtime.receiveMessage(flow, lastValues(params));
    else logger.warn({ flow: flowSid }, 'webhook request is not an inbound message; only messaging triggers run so far');
    reply.type('text/xml');
    return emptyTwiml;
  };

  app.post<WebhookParams>('/v1/Accounts/:accountSid/Flows/:flowSid', handler);
  app.get<WebhookParams>('/v1/Accounts/:accountSid/Flows/:flowSid', handler);
}

/** One value a parameter: a repeated one keeps its last. */
function lastValues(params: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? (value.at(-1) ?? '') : value]));
}
