import type { FastifyInstance } from 'fastify';
import { isE164 } from '../../carrier/e164.ts';
import { SwitchboardError } from '../../errors.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { asParams, optionalString, requiredString, stringList } from '../params.ts';
import { messageJson } from '../twilio/twilio-resources.ts';

type HandsetParams = { Params: { number: string } };

/** The far end of the phone network: handsets that text platform numbers and read their inbox. */
export function registerHandsetRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, network } = context;

  app.post<HandsetParams>('/emulator/v1/Handsets/:number/Messages', async (request, reply) => {
    await authenticate(request, store);
    const params = asParams(request.body);
    const message = await network.receiveFromHandset(
      request.params.number,
      requiredString(params, 'To', 'missingTo'),
      optionalString(params, 'Body') ?? '',
      stringList(params, 'MediaUrl'),
    );
    reply.code(201);
    return messageJson(message);
  });

  app.get<HandsetParams>('/emulator/v1/Handsets/:number/Messages', async (request) => {
    await authenticate(request, store);
    const number = request.params.number;
    if (!isE164(number)) throw new SwitchboardError('invalidParameter', `${number} is not an E.164 number`);
    const messages = await store.listMessages({ address: number }, { offset: 0, limit: 1000 }, true);
    return { messages: messages.map(messageJson) };
  });
}
