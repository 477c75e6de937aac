import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { asParams, optionalString } from '../params.ts';

/**
 * The tasks send-to-flex hands to Flex for messages and conversations (calls wait in a queue the
 * Queues API shows). Flex is not emulated, so this is where a test or a person sees them.
 */
export function registerFlexTaskRoutes(app: FastifyInstance, context: AppContext): void {
  app.get('/emulator/v1/FlexTasks', async (request) => {
    const account = await authenticate(request, context.store);
    const workflow = optionalString(asParams(request.query), 'Workflow');
    return { tasks: context.runtime.flexTasks.list(account.sid, workflow) };
  });
}
