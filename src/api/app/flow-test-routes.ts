import type { FastifyInstance } from 'fastify';
import { flowFileName } from '../../flow/flow-file-name.ts';
import { flowTestYaml } from '../../testing/write-flow-test.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { ownedExecution } from '../studio/owned-execution.ts';
import { executionFlowTest } from './execution-flow-test.ts';

type ExecutionParams = { Params: { flowSid: string; sid: string } };

/**
 * An execution as a flow test file (`*.flowtest.yaml`), the web simulator's "Save as test".
 * The server writes it, so that the app and `switchboard chat --record` share one writer.
 */
export function registerFlowTestRoutes(app: FastifyInstance, context: AppContext): void {
  app.get<ExecutionParams>('/app/v1/Flows/:flowSid/Executions/:sid/FlowTest', async (request, reply) => {
    const account = await authenticate(request, context.store);
    const { flow, execution } = await ownedExecution(context.store, account, request.params.flowSid, request.params.sid);
    // The test names the flow as the web app exports it: `<name>.json`, beside the test.
    const yaml = flowTestYaml(await executionFlowTest(context, execution, flowFileName(flow.friendlyName, '.json')));
    const fileName = flowFileName(flow.friendlyName, '.flowtest.yaml');
    // `filename` for clients that know only ASCII, `filename*` for the name as it is.
    const asciiName = fileName.replace(/[^\x20-\x7e]/g, '-');
    reply
      .header('content-type', 'application/yaml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return yaml;
  });
}
