import formbody from '@fastify/formbody';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import type { AppContext } from '../api/app-context.ts';
import { registerEditorRoutes } from '../api/app/editor-routes.ts';
import { registerFlowTestRoutes } from '../api/app/flow-test-routes.ts';
import { registerEmulatorCallRoutes } from '../api/emulator/call-routes.ts';
import { registerClientSocketRoutes } from '../api/emulator/client-socket-routes.ts';
import { registerClockRoutes } from '../api/emulator/clock-routes.ts';
import { registerEventStreamRoutes } from '../api/emulator/event-stream-routes.ts';
import { registerFlexTaskRoutes } from '../api/emulator/flex-task-routes.ts';
import { registerHandsetRoutes } from '../api/emulator/handset-routes.ts';
import { registerTokenRoutes } from '../api/emulator/token-routes.ts';
import { registerTwimlBinRoutes } from '../api/emulator/twiml-bin-routes.ts';
import { registerConversationMessageRoutes } from '../api/conversations/conversation-message-routes.ts';
import { registerConversationRoutes } from '../api/conversations/conversation-routes.ts';
import { registerConversationWebhookRoutes } from '../api/conversations/conversation-webhook-routes.ts';
import { registerParticipantRoutes } from '../api/conversations/participant-routes.ts';
import { registerCarrierStatusRoutes } from '../api/carrier-status-routes.ts';
import { registerFlowWebhookRoutes } from '../api/flow-webhook-routes.ts';
import { registerExecutionRoutes } from '../api/studio/execution-routes.ts';
import { registerFlowRoutes } from '../api/studio/flow-routes.ts';
import { registerApplicationRoutes } from '../api/twilio/application-routes.ts';
import { registerCallRoutes } from '../api/twilio/call-routes.ts';
import { registerQueueRoutes } from '../api/twilio/queue-routes.ts';
import { registerRecordingRoutes } from '../api/twilio/recording-routes.ts';
import { registerKeyRoutes } from '../api/twilio/key-routes.ts';
import { registerMessageRoutes } from '../api/twilio/message-routes.ts';
import { registerNumberRoutes } from '../api/twilio/number-routes.ts';
import { registerWebApp } from './web-app.ts';
import { errorBodyWithStatus, resourceNotFound, SwitchboardError, type TwilioErrorBody } from '../errors.ts';

/** Request bodies larger than this get 413 (a flow definition of 2,000 widgets fits). */
export const maxBodyBytes = 5 * 1024 * 1024;

/** The one HTTP app: Studio v2, the 2010-04-01 API, Conversations v1, the flow webhook and the emulator. */
export async function buildApp(context: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    bodyLimit: maxBodyBytes,
    // One log line per request is noise at thousands of requests a second; errors still log.
    logController: new LogController({ disableRequestLogging: true }),
    // Errors the router raises before any route runs (a bad %-escape, an over-long path segment).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  await app.register(formbody, { parser: (body) => parseQuery(body) });

  app.setErrorHandler((error: FastifyError | SwitchboardError, request, reply) => {
    const body = errorBody(error);
    if (body.status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
    reply.code(body.status).type('application/json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    reply.code(404).send(resourceNotFound(path).toJSON());
  });

  registerFlowRoutes(app, context);
  registerExecutionRoutes(app, context);
  registerFlowWebhookRoutes(app, context);
  if (context.twilioCarrier) registerCarrierStatusRoutes(app, context, context.twilioCarrier);
  registerNumberRoutes(app, context);
  registerMessageRoutes(app, context);
  registerApplicationRoutes(app, context);
  registerKeyRoutes(app, context);
  registerCallRoutes(app, context);
  registerRecordingRoutes(app, context);
  registerQueueRoutes(app, context);
  registerConversationRoutes(app, context);
  registerParticipantRoutes(app, context);
  registerConversationWebhookRoutes(app, context);
  registerConversationMessageRoutes(app, context);
  registerHandsetRoutes(app, context);
  registerEmulatorCallRoutes(app, context);
  registerEventStreamRoutes(app, context);
  registerFlexTaskRoutes(app, context);
  await registerClientSocketRoutes(app, context);
  registerClockRoutes(app, context);
  registerTwimlBinRoutes(app, context);
  registerTokenRoutes(app, context);
  registerEditorRoutes(app, context);
  registerFlowTestRoutes(app, context);
  await registerWebApp(app);
  return app;
}

/** An error the router raises before any route runs; a path segment too long for any SID is a 404. */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? resourceNotFound(request.url.split('?')[0]).toJSON() : errorBody(error);
  reply.code(body.status).type('application/json').send(body);
}

/**
 * A request Node cannot parse as HTTP (garbage bytes, headers over the size limit) never reaches
 * a route; it still gets Twilio's error JSON before the connection closes.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'The request line and headers are larger than the server accepts']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'The request did not arrive in time']
    : [400, 'The request is not well-formed HTTP'];
  const body = JSON.stringify(errorBodyWithStatus('invalidParameter', status, message));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(error);
}

/** Twilio's error JSON for anything thrown: our errors as declared, Fastify's 4xx as 20001. */
function errorBody(error: FastifyError | SwitchboardError): TwilioErrorBody {
  if (error instanceof SwitchboardError) return error.toJSON();
  const status = error.statusCode ?? 500;
  if (status === 413) return new SwitchboardError('bodyTooLarge', `the limit is ${maxBodyBytes} bytes`).toJSON();
  if (status >= 400 && status < 500) return errorBodyWithStatus('invalidParameter', status, error.message);
  return new SwitchboardError('internalError').toJSON();
}
