import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resourceNotFound } from '../errors.ts';
import { printTwiml } from '../twiml/twiml-node.ts';
import type { AppContext } from './app-context.ts';
import { lastValues, textParams } from './params.ts';
import { requireTwilioSignature } from './twilio-signature.ts';

type WebhookParams = { Params: { accountSid: string; flowSid: string } };
type CallbackParams = { Params: { accountSid: string; flowSid: string; executionSid: string; widget: string } };

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/**
 * The flow's webhook URL, where a carrier delivers inbound messages and calls, and a
 * conversation's studio webhook its messages (Studio's
 * `https://webhooks.twilio.com/v1/Accounts/{AC}/Flows/{FW}`). A message gets empty TwiML (the
 * flow replies through the Messages or Conversations API, as Studio does); a call gets the TwiML
 * of the flow's first voice widget, whose callbacks come to the execution's own callback route.
 */
export function registerFlowWebhookRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, runtime, logger } = context;

  const handler = async (request: FastifyRequest<WebhookParams>, reply: FastifyReply) => {
    const { accountSid, flowSid } = request.params;
    const params = textParams(request.method === 'GET' ? request.query : request.body);
    const flow = await store.getFlow(flowSid);
    if (!flow || flow.accountSid !== accountSid) throw resourceNotFound(`/Accounts/${accountSid}/Flows/${flowSid}`);
    await requireTwilioSignature(request, context, accountSid, params);
    const values = lastValues(params);
    reply.type('text/xml');
    if (values.CallSid && !values.MessageSid) {
      const query = textParams(request.query);
      if (query.FlowEvent === 'return') return printTwiml(await runtime.returnToFlow(flow, { ...values, ...lastValues(query) }));
      return printTwiml(await runtime.receiveCall(flow, values));
    }
    if (values.EventType === 'onMessageAdded' && values.ConversationSid) await runtime.receiveConversationMessage(flow, values);
    else if (values.MessageSid && values.From) await runtime.receiveMessage(flow, values);
    else logger.warn({ flow: flowSid }, 'webhook request is neither an inbound message, a conversation message nor a call; ignored');
    return emptyTwiml;
  };

  /** A voice widget's callback: its TwiML's action or redirect, with the call's parameters. */
  const callback = async (request: FastifyRequest<CallbackParams>, reply: FastifyReply) => {
    const { accountSid, flowSid, executionSid, widget } = request.params;
    const body = textParams(request.method === 'GET' ? {} : request.body);
    const query = textParams(request.query);
    const execution = await runtime.findExecution(executionSid);
    if (!execution || execution.flowSid !== flowSid || execution.accountSid !== accountSid) {
      throw resourceNotFound(`/v1/Accounts/${accountSid}/Flows/${flowSid}/Executions/${executionSid}`);
    }
    await requireTwilioSignature(request, context, accountSid, request.method === 'GET' ? {} : body);
    reply.type('text/xml');
    return printTwiml(await runtime.voiceCallback(execution, widget, { ...lastValues(query), ...lastValues(body) }));
  };

  app.post<WebhookParams>('/v1/Accounts/:accountSid/Flows/:flowSid', handler);
  app.get<WebhookParams>('/v1/Accounts/:accountSid/Flows/:flowSid', handler);
  app.post<CallbackParams>('/v1/Accounts/:accountSid/Flows/:flowSid/Executions/:executionSid/Widgets/:widget/Callback', callback);
  app.get<CallbackParams>('/v1/Accounts/:accountSid/Flows/:flowSid/Executions/:executionSid/Widgets/:widget/Callback', callback);
}
