import type { FastifyInstance } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import { maxJsonDepth, nestsDeeperThan } from '../../flow/json-depth.ts';
import type { AccountRecord, ExecutionRecord } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { ownedExecution as findOwnedExecution } from './owned-execution.ts';
import { ownedFlow } from './owned-flow.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, oneOf, optionalDate, optionalString, requiredOneOf, requiredString } from '../params.ts';
import { executionContextJson, executionJson, stepContextJson, stepJson, studioPage } from './studio-resources.ts';

type FlowParams = { Params: { flowSid: string } };
type ExecutionParams = { Params: { flowSid: string; sid: string } };
type StepParams = { Params: { flowSid: string; sid: string; stepSid: string } };

/** Studio REST API v2: Executions, Execution Context, Steps and Step Context. */
export function registerExecutionRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, runtime } = context;


  async function ownedExecution(account: AccountRecord, flowSid: string, sid: string): Promise<ExecutionRecord> {
    return (await findOwnedExecution(store, account, flowSid, sid)).execution;
  }

  app.post<FlowParams>('/v2/Flows/:flowSid/Executions', async (request, reply) => {
    const account = await authenticate(request, store);
    const flow = await ownedFlow(store, account, request.params.flowSid);
    const params = asParams(request.body);
    const to = requiredString(params, 'To');
    const from = requiredString(params, 'From');
    if (Buffer.byteLength(to) + Buffer.byteLength(from) > 300) throw new SwitchboardError('contactTooLong', 'To and From together are over 300 bytes');
    const execution = await runtime.startByRequest(flow, { to, from, parameters: parseParameters(optionalString(params, 'Parameters')) });
    reply.code(201);
    return executionJson(context.publicUrl, execution);
  });

  app.get<FlowParams>('/v2/Flows/:flowSid/Executions', async (request) => {
    const account = await authenticate(request, store);
    const flow = await ownedFlow(store, account, request.params.flowSid);
    const query = asParams(request.query);
    const filter = {
      status: oneOf(query, 'Status', ['active', 'ended'] as const) ?? oneOf(query, 'status', ['active', 'ended'] as const),
      createdFrom: wholeSecond(optionalDate(query, 'DateCreatedFrom'), 0),
      createdTo: wholeSecond(optionalDate(query, 'DateCreatedTo'), 999),
    };
    const page = pageRequest(query);
    const links = pageLinks(await store.listExecutions(flow.sid, filter, page), page, {
      DateCreatedFrom: optionalString(query, 'DateCreatedFrom'),
      DateCreatedTo: optionalString(query, 'DateCreatedTo'),
      Status: filter.status,
    });
    const items = links.items.map((execution) => executionJson(context.publicUrl, execution));
    return studioPage('executions', context.publicUrl, `/v2/Flows/${flow.sid}/Executions`, { ...links, items }, page.page, page.pageSize);
  });

  app.get<ExecutionParams>('/v2/Flows/:flowSid/Executions/:sid', async (request) => {
    const account = await authenticate(request, store);
    return executionJson(context.publicUrl, await ownedExecution(account, request.params.flowSid, request.params.sid));
  });

  app.post<ExecutionParams>('/v2/Flows/:flowSid/Executions/:sid', async (request) => {
    const account = await authenticate(request, store);
    const execution = await ownedExecution(account, request.params.flowSid, request.params.sid);
    requiredOneOf(asParams(request.body), 'Status', ['ended'] as const);
    return executionJson(context.publicUrl, await runtime.endExecution(execution));
  });

  app.delete<ExecutionParams>('/v2/Flows/:flowSid/Executions/:sid', async (request, reply) => {
    const account = await authenticate(request, store);
    const execution = await ownedExecution(account, request.params.flowSid, request.params.sid);
    await store.deleteExecution(execution.sid);
    reply.code(204);
  });

  app.get<ExecutionParams>('/v2/Flows/:flowSid/Executions/:sid/Context', async (request) => {
    const account = await authenticate(request, store);
    return executionContextJson(context.publicUrl, await ownedExecution(account, request.params.flowSid, request.params.sid));
  });

  app.get<ExecutionParams>('/v2/Flows/:flowSid/Executions/:sid/Steps', async (request) => {
    const account = await authenticate(request, store);
    const execution = await ownedExecution(account, request.params.flowSid, request.params.sid);
    const page = pageRequest(asParams(request.query));
    const links = pageLinks(await store.listSteps(execution.sid, page), page);
    const items = links.items.map((step) => stepJson(context.publicUrl, step));
    return studioPage('steps', context.publicUrl, `/v2/Flows/${execution.flowSid}/Executions/${execution.sid}/Steps`, { ...links, items }, page.page, page.pageSize);
  });

  async function ownedStep(request: { params: StepParams['Params'] } & Parameters<typeof authenticate>[0]) {
    const account = await authenticate(request, store);
    const execution = await ownedExecution(account, request.params.flowSid, request.params.sid);
    const step = await store.getStep(execution.sid, request.params.stepSid);
    if (!step || step.executionSid !== execution.sid) {
      throw resourceNotFound(`/Flows/${execution.flowSid}/Executions/${execution.sid}/Steps/${request.params.stepSid}`);
    }
    return { execution, step };
  }

  app.get<StepParams>('/v2/Flows/:flowSid/Executions/:sid/Steps/:stepSid', async (request) => stepJson(context.publicUrl, (await ownedStep(request)).step));
  app.get<StepParams>('/v2/Flows/:flowSid/Executions/:sid/Steps/:stepSid/Context', async (request) => {
    const { execution, step } = await ownedStep(request);
    return stepContextJson(context.publicUrl, step, execution);
  });
}

/**
 * Studio shows dates to the second, so the filters compare whole seconds: an execution shown as
 * created at 12:00:00Z matches DateCreatedFrom and DateCreatedTo of 12:00:00Z, whatever its
 * hidden milliseconds. The store's bounds are inclusive, to the millisecond.
 */
function wholeSecond(iso: string | undefined, extraMs: number): string | undefined {
  if (iso === undefined) return undefined;
  const time = Date.parse(iso);
  return new Date(time - (((time % 1000) + 1000) % 1000) + extraMs).toISOString();
}

/** `Parameters` is a JSON object as text; it becomes `flow.data`. */
function parseParameters(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SwitchboardError('invalidParameter', `Parameters must be a JSON object: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SwitchboardError('invalidParameter', 'Parameters must be a JSON object');
  }
  if (nestsDeeperThan(value)) throw new SwitchboardError('invalidParameter', `Parameters nests objects and arrays more than ${maxJsonDepth} deep`);
  return value as Record<string, unknown>;
}
