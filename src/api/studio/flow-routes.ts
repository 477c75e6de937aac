import type { FastifyInstance } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import { loadDefinition } from '../../flow/load-definition.ts';
import type { FlowRecord } from '../../store/records.ts';
import { invalidDefinition } from '../../runtime/flow-library.ts';
import type { AppContext } from '../app-context.ts';
import { ownedFlow } from './owned-flow.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, optionalString, requiredOneOf, requiredString, stringList } from '../params.ts';
import { flowJson, flowUrl, revisionJson, studioPage } from './studio-resources.ts';

const statuses = ['draft', 'published'] as const;

/** Studio REST API v2: Flows, Revisions, TestUsers and FlowValidate. */
export function registerFlowRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, flows } = context;

  app.post('/v2/Flows', async (request, reply) => {
    const account = await authenticate(request, store);
    const params = asParams(request.body);
    const flow = await flows.create(account.sid, {
      friendlyName: requiredString(params, 'FriendlyName'),
      status: requiredOneOf(params, 'Status', statuses),
      definition: requiredString(params, 'Definition'),
      commitMessage: optionalString(params, 'CommitMessage') ?? null,
    });
    reply.code(201);
    return flowJson(context.publicUrl, flow);
  });

  app.get('/v2/Flows', async (request) => {
    const account = await authenticate(request, store);
    const page = pageRequest(asParams(request.query));
    const links = pageLinks(await store.listFlows(account.sid, page), page);
    return studioPage('flows', context.publicUrl, '/v2/Flows', { ...links, items: links.items.map((flow) => flowJson(context.publicUrl, flow, false)) }, page.page, page.pageSize);
  });

  app.post('/v2/Flows/Validate', async (request) => {
    await authenticate(request, store);
    const params = asParams(request.body);
    requiredString(params, 'FriendlyName');
    requiredOneOf(params, 'Status', statuses);
    const { result } = loadDefinition(requiredString(params, 'Definition'));
    if (!result.valid) throw invalidDefinition(result.errors);
    return { valid: true };
  });

  app.get<{ Params: { sid: string } }>('/v2/Flows/:sid', async (request) => {
    const account = await authenticate(request, store);
    return flowJson(context.publicUrl, await ownedFlow(store, account, request.params.sid));
  });

  app.post<{ Params: { sid: string } }>('/v2/Flows/:sid', async (request) => {
    const account = await authenticate(request, store);
    const flow = await ownedFlow(store, account, request.params.sid);
    const params = asParams(request.body);
    const updated = await flows.update(flow, {
      status: requiredOneOf(params, 'Status', statuses),
      friendlyName: optionalString(params, 'FriendlyName'),
      definition: optionalString(params, 'Definition'),
      commitMessage: optionalString(params, 'CommitMessage') ?? null,
    });
    return flowJson(context.publicUrl, updated);
  });

  app.delete<{ Params: { sid: string } }>('/v2/Flows/:sid', async (request, reply) => {
    const account = await authenticate(request, store);
    await ownedFlow(store, account, request.params.sid);
    await store.deleteFlow(request.params.sid);
    reply.code(204);
  });

  app.get<{ Params: { sid: string } }>('/v2/Flows/:sid/Revisions', async (request) => {
    const account = await authenticate(request, store);
    const flow = await ownedFlow(store, account, request.params.sid);
    const page = pageRequest(asParams(request.query));
    const links = pageLinks(await store.listRevisions(flow.sid, page), page);
    const items = links.items.map((revision) => revisionJson(context.publicUrl, revision, false));
    return studioPage('revisions', context.publicUrl, `/v2/Flows/${flow.sid}/Revisions`, { ...links, items }, page.page, page.pageSize);
  });

  app.get<{ Params: { sid: string; revision: string } }>('/v2/Flows/:sid/Revisions/:revision', async (request) => {
    const account = await authenticate(request, store);
    const flow = await ownedFlow(store, account, request.params.sid);
    const wanted = request.params.revision;
    const number = wanted === 'LatestPublished' ? flow.publishedRevision : wanted === 'LatestRevision' ? flow.revision : /^\d+$/.test(wanted) ? Number(wanted) : null;
    const revision = number === null ? undefined : await store.getRevision(flow.sid, number);
    if (!revision) throw resourceNotFound(`/Flows/${flow.sid}/Revisions/${wanted}`);
    return revisionJson(context.publicUrl, revision);
  });

  const testUsersJson = (flow: FlowRecord) => ({ sid: flow.sid, test_users: flow.testUsers, url: `${flowUrl(context.publicUrl, flow.sid)}/TestUsers` });

  app.get<{ Params: { sid: string } }>('/v2/Flows/:sid/TestUsers', async (request) => {
    const account = await authenticate(request, store);
    return testUsersJson(await ownedFlow(store, account, request.params.sid));
  });

  app.post<{ Params: { sid: string } }>('/v2/Flows/:sid/TestUsers', async (request) => {
    const account = await authenticate(request, store);
    const flow = await ownedFlow(store, account, request.params.sid);
    const params = asParams(request.body);
    if (params.TestUsers === undefined) requiredString(params, 'TestUsers');
    const testUsers = stringList(params, 'TestUsers');
    // A form cannot carry an empty list: one empty `TestUsers=` is how a client clears it.
    if (testUsers.length === 1 && testUsers[0] === '') return testUsersJson(await flows.setTestUsers(flow, []));
    if (testUsers.some((user) => user.trim() === '')) throw new SwitchboardError('invalidParameter', 'TestUsers must not hold an empty address');
    return testUsersJson(await flows.setTestUsers(flow, testUsers));
  });
}
