import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../src/flow/definition.ts';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { accountSid, api, authToken, testServer } from './support/test-server.ts';

/**
 * The Studio REST API v2 over real HTTP: Flows, Revisions, Validate, TestUsers, Executions,
 * Context and Steps, the emulator's clock, and authentication.
 */

const sidOf = (prefix: string) => new RegExp(`^${prefix}[0-9a-f]{32}$`);
const studioDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const flowNumber = '+15555550123';
const alice = '+15551230001';
const bob = '+15551230002';

/** Sends `body` to the contact, then ends. */
const greetFlow = (body: string): FlowDefinition =>
  flowOf({ incomingRequest: 'greet' }, widget('greet', 'send-message', { body }, { sent: undefined, failed: undefined }));

/** Sends, runs a set-variables, then ends: three steps. */
const greetThenRemember = (): FlowDefinition =>
  flowOf(
    { incomingRequest: 'greet' },
    widget('greet', 'send-message', { body: 'Hello {{flow.data.name}}' }, { sent: 'remember', failed: undefined }),
    widget('remember', 'set-variables', { variables: [{ key: 'greeted', value: 'yes' }] }, { next: undefined }),
  );

/** Asks and waits for a reply: thanks on a reply, "Too late" on the timeout. */
const askFlow = (timeout = '3600'): FlowDefinition =>
  flowOf(
    { incomingRequest: 'ask', incomingMessage: 'ask' },
    widget('ask', 'send-and-wait-for-reply', { body: 'Your name?', timeout }, { incomingMessage: 'thank', timeout: 'too_late', deliveryFailure: undefined }),
    widget('thank', 'send-message', { body: 'Thanks {{widgets.ask.inbound.Body}}' }, { sent: undefined, failed: undefined }),
    widget('too_late', 'send-message', { body: 'Too late' }, { sent: undefined, failed: undefined }),
  );

/** The trigger's incomingRequest (transition 3) names a state that does not exist. */
const brokenFlow = (): FlowDefinition => flowOf({ incomingRequest: 'ghost' });
const brokenErrors = [{ message: '"ghost" names no state', property_path: '#/states/0/transitions/3/next' }];

const legacyWarning = {
  message: 'The definition was in the legacy (pre-2019) Studio format and was converted to the v2 format',
  property_path: '#',
};

/** A REST-triggered greeting in the legacy (pre-2019) export format. */
const legacyFlow = () => ({
  description: 'Legacy greeting',
  states: [
    {
      type: 'InitialState',
      name: 'Trigger',
      sid: 'FF' + 'a'.repeat(32),
      properties: { offset: { x: 0, y: 0 }, flow_url: 'https://webhooks.twilio.com/v1/Accounts/AC/Flows/FW' },
      transitions: [
        { event: 'incomingMessage', conditions: [], next: null, uuid: '6f1d0c2e-4b7a-4f00-8c7e-000000000001' },
        { event: 'incomingCall', conditions: [], next: null, uuid: '6f1d0c2e-4b7a-4f00-8c7e-000000000002' },
        { event: 'incomingRequest', conditions: [], next: 'FF' + 'b'.repeat(32), uuid: '6f1d0c2e-4b7a-4f00-8c7e-000000000003' },
      ],
    },
    {
      type: 'Message',
      name: 'hello',
      sid: 'FF' + 'b'.repeat(32),
      properties: { offset: { x: 0, y: 200 }, body: 'Hello from the past', media_url: null, from: null, to: null },
      transitions: [
        { event: 'sent', conditions: [], next: null, uuid: '6f1d0c2e-4b7a-4f00-8c7e-000000000004' },
        { event: 'failed', conditions: [], next: null, uuid: '6f1d0c2e-4b7a-4f00-8c7e-000000000005' },
      ],
    },
  ],
});

const flowFields = [
  'sid', 'account_sid', 'friendly_name', 'definition', 'status', 'revision', 'commit_message', 'valid', 'errors', 'warnings',
  'date_created', 'date_updated', 'webhook_url', 'url', 'links',
].sort();
const revisionFields = ['sid', 'account_sid', 'friendly_name', 'definition', 'status', 'revision', 'commit_message', 'valid', 'errors', 'date_created', 'date_updated', 'url'].sort();
const executionFields = [
  'sid', 'account_sid', 'flow_sid', 'contact_sid', 'contact_channel_address', 'context', 'status', 'date_created', 'date_updated',
  'initiated_by', 'flow_version', 'url', 'links',
].sort();
const stepFields = [
  'sid', 'account_sid', 'flow_sid', 'execution_sid', 'parent_step_sid', 'name', 'context', 'transitioned_from', 'transitioned_to', 'type',
  'date_created', 'date_updated', 'url', 'links',
].sort();
const metaFields = ['page', 'page_size', 'first_page_url', 'previous_page_url', 'url', 'next_page_url', 'key'].sort();

let server: RunningServer;

beforeEach(async () => {
  server = await testServer();
});

afterEach(async () => {
  await server.close();
});

/** The path and query of one of the server's absolute URLs. */
function pathOf(url: string): string {
  expect(url.startsWith(server.url)).toBe(true);
  return url.slice(server.url.length);
}

async function createFlow(definition: unknown, fields: Record<string, string> = {}) {
  return api(server, 'POST', '/v2/Flows', {
    FriendlyName: 'Test flow',
    Status: 'published',
    Definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
    ...fields,
  });
}

/** A flow that must be created; returns its JSON. */
async function flow(definition: unknown, fields: Record<string, string> = {}) {
  const created = await createFlow(definition, fields);
  expect(created.status).toBe(201);
  return created.body;
}

async function buyNumber(phoneNumber: string, settings: Record<string, string> = {}) {
  const bought = await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: phoneNumber, ...settings });
  expect(bought.status).toBe(201);
  return bought.body;
}

async function execute(flowSid: string, to: string, fields: Record<string, string> = {}) {
  return api(server, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: to, From: flowNumber, ...fields });
}

/** The bodies of every message to or from the handset, oldest first, once the network is idle. */
async function inbox(number: string): Promise<string[]> {
  await server.context.network.idle();
  const response = await api(server, 'GET', `/emulator/v1/Handsets/${encodeURIComponent(number)}/Messages`);
  expect(response.status).toBe(200);
  return response.body.messages.map((message: { body: string }) => message.body);
}

async function clockNow(): Promise<number> {
  const response = await api(server, 'GET', '/emulator/v1/Clock');
  expect(response.status).toBe(200);
  return Date.parse(response.body.now);
}

async function advance(seconds: number) {
  const response = await api(server, 'POST', '/emulator/v1/Clock', { Advance: String(seconds) });
  expect(response.status).toBe(200);
  return response.body;
}

const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function expectError(response: { status: number; body: any }, status: number, code: number) {
  expect(response.status).toBe(status);
  expect(response.body).toMatchObject({ code, status, more_info: `https://www.twilio.com/docs/errors/${code}`, message: expect.any(String) });
}

describe('Flows', () => {
  it('creates a flow with exactly the Studio v2 Flow fields', async () => {
    const definition = greetFlow('Hi');
    const created = await createFlow(definition, { FriendlyName: 'Greeter', CommitMessage: 'first cut' });
    expect(created.status).toBe(201);
    expect(created.contentType).toMatch(/^application\/json/);
    const body = created.body;
    expect(Object.keys(body).sort()).toEqual(flowFields);
    expect(body.sid).toMatch(sidOf('FW'));
    const url = `${server.url}/v2/Flows/${body.sid}`;
    expect(body).toEqual({
      sid: body.sid,
      account_sid: accountSid,
      friendly_name: 'Greeter',
      definition,
      status: 'published',
      revision: 1,
      commit_message: 'first cut',
      valid: true,
      errors: [],
      warnings: [],
      date_created: expect.stringMatching(studioDate),
      date_updated: body.date_created,
      webhook_url: `${server.url}/v1/Accounts/${accountSid}/Flows/${body.sid}`,
      url,
      links: { test_users: `${url}/TestUsers`, revisions: `${url}/Revisions`, executions: `${url}/Executions` },
    });
    expect(typeof body.definition).toBe('object');

    const fetched = await api(server, 'GET', `/v2/Flows/${body.sid}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(body);
  });

  it('answers a create without a commit message with commit_message null, and refuses missing parameters', async () => {
    expect((await flow(greetFlow('Hi'))).commit_message).toBeNull();
    for (const missing of ['FriendlyName', 'Status', 'Definition']) {
      const fields: Record<string, string> = { FriendlyName: 'x', Status: 'draft', Definition: JSON.stringify(greetFlow('Hi')) };
      delete fields[missing];
      const response = await api(server, 'POST', '/v2/Flows', fields);
      expectError(response, 400, 20001);
      expect(response.body.message).toContain(missing);
    }
    const badStatus = await createFlow(greetFlow('Hi'), { Status: 'live' });
    expectError(badStatus, 400, 20001);
  });

  it('updates: the revision goes up, and the definition is kept when none is given', async () => {
    const definition = greetFlow('Hi');
    const created = await flow(definition, { Status: 'draft', CommitMessage: 'one' });
    await advance(60);
    const updated = await api(server, 'POST', `/v2/Flows/${created.sid}`, { Status: 'published', FriendlyName: 'Renamed', CommitMessage: 'two' });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      ...created,
      friendly_name: 'Renamed',
      status: 'published',
      revision: 2,
      commit_message: 'two',
      definition,
      date_updated: expect.stringMatching(studioDate),
    });
    expect(Date.parse(updated.body.date_updated) - Date.parse(created.date_created)).toBeGreaterThanOrEqual(59_000);

    const replaced = greetFlow('Hello again');
    const again = await api(server, 'POST', `/v2/Flows/${created.sid}`, { Status: 'published', Definition: JSON.stringify(replaced) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ revision: 3, definition: replaced, friendly_name: 'Renamed', commit_message: null });

    const fetched = await api(server, 'GET', `/v2/Flows/${created.sid}`);
    expect(fetched.body).toEqual(again.body);

    const noStatus = await api(server, 'POST', `/v2/Flows/${created.sid}`, { FriendlyName: 'x' });
    expectError(noStatus, 400, 20001);
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}`)).body.revision).toBe(3);
  });

  it('lists flows with definition null and the meta object', async () => {
    const a = await flow(greetFlow('a'), { FriendlyName: 'A' });
    const list = await api(server, 'GET', '/v2/Flows');
    expect(list.status).toBe(200);
    expect(Object.keys(list.body).sort()).toEqual(['flows', 'meta']);
    expect(list.body.flows).toEqual([{ ...a, definition: null }]);
    expect(Object.keys(list.body.meta).sort()).toEqual(metaFields);
    expect(list.body.meta).toEqual({
      page: 0,
      page_size: 50,
      first_page_url: `${server.url}/v2/Flows?PageSize=50&Page=0`,
      previous_page_url: null,
      url: `${server.url}/v2/Flows?PageSize=50&Page=0`,
      next_page_url: null,
      key: 'flows',
    });
  });

  it('pages 5 flows two at a time, following next_page_url until null, seeing each flow once', async () => {
    const sids: string[] = [];
    for (let index = 0; index < 5; index++) sids.push((await flow(greetFlow(`flow ${index}`), { FriendlyName: `Flow ${index}` })).sid);

    const seen: string[] = [];
    const pages: any[] = [];
    let next: string | null = `${server.url}/v2/Flows?PageSize=2`;
    while (next !== null) {
      const response = await api(server, 'GET', pathOf(next));
      expect(response.status).toBe(200);
      pages.push(response.body);
      for (const item of response.body.flows) {
        expect(item.definition).toBeNull();
        seen.push(item.sid);
      }
      next = response.body.meta.next_page_url;
      expect(pages.length).toBeLessThanOrEqual(5);
    }
    expect(pages.map((page) => page.flows.length)).toEqual([2, 2, 1]);
    expect(pages.map((page) => page.meta.page)).toEqual([0, 1, 2]);
    expect(pages.every((page) => page.meta.page_size === 2 && page.meta.key === 'flows')).toBe(true);
    expect(pages.every((page) => page.meta.first_page_url === `${server.url}/v2/Flows?PageSize=2&Page=0`)).toBe(true);
    expect(pages[0].meta.previous_page_url).toBeNull();
    expect(pages[2].meta.next_page_url).toBeNull();
    expect(seen).toHaveLength(5);
    expect([...seen].sort()).toEqual([...sids].sort());

    // previous_page_url of the second page leads back to the first page's flows.
    const back = await api(server, 'GET', pathOf(pages[1].meta.previous_page_url));
    expect(back.body.flows.map((item: { sid: string }) => item.sid)).toEqual(pages[0].flows.map((item: { sid: string }) => item.sid));
    // The url of a page fetches that page again.
    const again = await api(server, 'GET', pathOf(pages[1].meta.url));
    expect(again.body.flows).toEqual(pages[1].flows);

    expectError(await api(server, 'GET', '/v2/Flows?PageSize=0'), 400, 20001);
    expectError(await api(server, 'GET', '/v2/Flows?PageSize=1001'), 400, 20001);
  });

  it('deletes a flow: 204, then 404 with 20404', async () => {
    const created = await flow(greetFlow('bye'));
    const deleted = await api(server, 'DELETE', `/v2/Flows/${created.sid}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    const fetched = await api(server, 'GET', `/v2/Flows/${created.sid}`);
    expectError(fetched, 404, 20404);
    expect(fetched.body.message).toBe(`The requested resource /Flows/${created.sid} was not found`);
    expectError(await api(server, 'DELETE', `/v2/Flows/${created.sid}`), 404, 20404);
    expectError(await api(server, 'GET', `/v2/Flows/${created.sid}/Revisions`), 404, 20404);
    expect((await api(server, 'GET', '/v2/Flows')).body.flows).toEqual([]);
  });
});

describe('Definitions: invalid drafts, publishing, legacy', () => {
  it('saves an invalid definition as a draft with valid:false and its errors', async () => {
    const created = await createFlow(brokenFlow(), { Status: 'draft' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', revision: 1, valid: false, errors: brokenErrors, definition: brokenFlow() });
  });

  it('refuses to create an invalid definition as published: 400, 81022, details.errors', async () => {
    const refused = await createFlow(brokenFlow(), { Status: 'published' });
    expectError(refused, 400, 81022);
    expect(refused.body.details).toEqual({ errors: brokenErrors });
    expect((await api(server, 'GET', '/v2/Flows')).body.flows).toEqual([]);
  });

  it('refuses to publish an invalid draft by update, leaving the flow as it was', async () => {
    const draft = await flow(brokenFlow(), { Status: 'draft' });
    const refused = await api(server, 'POST', `/v2/Flows/${draft.sid}`, { Status: 'published' });
    expectError(refused, 400, 81022);
    expect(refused.body.details).toEqual({ errors: brokenErrors });
    const alsoRefused = await api(server, 'POST', `/v2/Flows/${draft.sid}`, { Status: 'published', Definition: JSON.stringify(brokenFlow()) });
    expectError(alsoRefused, 400, 81022);
    expect((await api(server, 'GET', `/v2/Flows/${draft.sid}`)).body).toEqual(draft);
    expect((await api(server, 'GET', `/v2/Flows/${draft.sid}/Revisions`)).body.revisions).toHaveLength(1);

    // Fixed, it publishes.
    const fixed = await api(server, 'POST', `/v2/Flows/${draft.sid}`, { Status: 'published', Definition: JSON.stringify(greetFlow('ok')) });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'published', revision: 2, valid: true, errors: [] });
  });

  it('refuses a definition that is not JSON with 81022, even as a draft', async () => {
    const refused = await createFlow('{"states": [', { Status: 'draft' });
    expectError(refused, 400, 81022);
    expect(refused.body.details.errors).toEqual([{ property_path: '#', message: expect.stringContaining('JSON syntax error') }]);
  });

  it('accepts a legacy definition, converts it to v2 and warns', async () => {
    const created = await createFlow(legacyFlow(), { Status: 'published' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ valid: true, errors: [], revision: 1, status: 'published' });
    expect(created.body.warnings).toEqual([legacyWarning]);
    const definition = created.body.definition;
    expect(definition.initial_state).toBe('Trigger');
    expect(definition.states.map((state: { type: string }) => state.type)).toEqual(['trigger', 'send-message']);
    expect(definition.states[0].transitions.find((transition: { event: string }) => transition.event === 'incomingRequest')).toEqual({
      event: 'incomingRequest',
      next: 'hello',
    });
    expect(JSON.stringify(definition)).not.toMatch(/"sid"|"uuid"|"flow_url"/);

    // The converted flow runs.
    await buyNumber(flowNumber);
    const execution = await execute(created.body.sid, alice);
    expect(execution.status).toBe(201);
    expect(await inbox(alice)).toEqual(['Hello from the past']);
  });
});

describe('Revisions', () => {
  it('lists, and fetches by number, LatestPublished and LatestRevision', async () => {
    const published = greetFlow('published');
    const draft = greetFlow('draft');
    const created = await flow(published, { FriendlyName: 'Revised', CommitMessage: 'v1' });
    const updated = await api(server, 'POST', `/v2/Flows/${created.sid}`, { Status: 'draft', Definition: JSON.stringify(draft), CommitMessage: 'v2' });
    expect(updated.status).toBe(200);

    const base = `${server.url}/v2/Flows/${created.sid}/Revisions`;
    const list = await api(server, 'GET', `/v2/Flows/${created.sid}/Revisions`);
    expect(list.status).toBe(200);
    expect(list.body.revisions.map((revision: { revision: number }) => revision.revision)).toEqual([2, 1]);
    expect(list.body.revisions.every((revision: { definition: unknown }) => revision.definition === null)).toBe(true);
    expect(list.body.meta).toMatchObject({ key: 'revisions', page: 0, page_size: 50, url: `${base}?PageSize=50&Page=0`, next_page_url: null });

    const first = await api(server, 'GET', `/v2/Flows/${created.sid}/Revisions/1`);
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(revisionFields);
    expect(first.body).toEqual({
      sid: created.sid,
      account_sid: accountSid,
      friendly_name: 'Revised',
      definition: published,
      status: 'published',
      revision: 1,
      commit_message: 'v1',
      valid: true,
      errors: [],
      date_created: expect.stringMatching(studioDate),
      date_updated: expect.stringMatching(studioDate),
      url: `${base}/1`,
    });

    const latestPublished = await api(server, 'GET', `/v2/Flows/${created.sid}/Revisions/LatestPublished`);
    expect(latestPublished.status).toBe(200);
    expect(latestPublished.body).toEqual(first.body);

    const latest = await api(server, 'GET', `/v2/Flows/${created.sid}/Revisions/LatestRevision`);
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ revision: 2, status: 'draft', definition: draft, commit_message: 'v2', url: `${base}/2` });
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}/Revisions/2`)).body).toEqual(latest.body);

    for (const unknown of ['3', '0', 'Latest', '1.5']) {
      const missing = await api(server, 'GET', `/v2/Flows/${created.sid}/Revisions/${unknown}`);
      expectError(missing, 404, 20404);
    }
  });

  it('pages revisions newest first', async () => {
    const created = await flow(greetFlow('r1'));
    for (const body of ['r2', 'r3']) await api(server, 'POST', `/v2/Flows/${created.sid}`, { Status: 'published', Definition: JSON.stringify(greetFlow(body)) });
    const seen: number[] = [];
    let next: string | null = `${server.url}/v2/Flows/${created.sid}/Revisions?PageSize=1`;
    while (next !== null && seen.length < 10) {
      const page: any = (await api(server, 'GET', pathOf(next))).body;
      expect(page.revisions).toHaveLength(1);
      seen.push(page.revisions[0].revision);
      next = page.meta.next_page_url;
    }
    expect(seen).toEqual([3, 2, 1]);
  });

  it('has no LatestPublished for a flow that was never published', async () => {
    const draft = await flow(greetFlow('d'), { Status: 'draft' });
    expectError(await api(server, 'GET', `/v2/Flows/${draft.sid}/Revisions/LatestPublished`), 404, 20404);
    expect((await api(server, 'GET', `/v2/Flows/${draft.sid}/Revisions/LatestRevision`)).body.revision).toBe(1);
  });
});

describe('Validate', () => {
  it('answers {valid: true} for a good definition', async () => {
    const response = await api(server, 'POST', '/v2/Flows/Validate', { FriendlyName: 'x', Status: 'draft', Definition: JSON.stringify(greetFlow('ok')) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: true });
    // Validate saves nothing.
    expect((await api(server, 'GET', '/v2/Flows')).body.flows).toEqual([]);
  });

  it('answers 400 / 81022 with details.errors for a bad one', async () => {
    const response = await api(server, 'POST', '/v2/Flows/Validate', { FriendlyName: 'x', Status: 'published', Definition: JSON.stringify(brokenFlow()) });
    expectError(response, 400, 81022);
    expect(response.body.details).toEqual({ errors: brokenErrors });
  });

  it('requires FriendlyName, Status and Definition', async () => {
    expectError(await api(server, 'POST', '/v2/Flows/Validate', { Status: 'draft', Definition: JSON.stringify(greetFlow('ok')) }), 400, 20001);
    expectError(await api(server, 'POST', '/v2/Flows/Validate', { FriendlyName: 'x', Definition: JSON.stringify(greetFlow('ok')) }), 400, 20001);
    expectError(await api(server, 'POST', '/v2/Flows/Validate', { FriendlyName: 'x', Status: 'draft' }), 400, 20001);
  });
});

describe('TestUsers', () => {
  it('reads and replaces the list with the repeated TestUsers parameter', async () => {
    const created = await flow(greetFlow('x'));
    const url = `${server.url}/v2/Flows/${created.sid}/TestUsers`;
    const empty = await api(server, 'GET', `/v2/Flows/${created.sid}/TestUsers`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ sid: created.sid, test_users: [], url });

    const set = await api(server, 'POST', `/v2/Flows/${created.sid}/TestUsers`, { TestUsers: [alice, bob] });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ sid: created.sid, test_users: [alice, bob], url });
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}/TestUsers`)).body).toEqual(set.body);

    const one = await api(server, 'POST', `/v2/Flows/${created.sid}/TestUsers`, { TestUsers: bob });
    expect(one.body).toEqual({ sid: created.sid, test_users: [bob], url });

    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}/TestUsers`, {}), 400, 20001);
    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}/TestUsers`, { TestUsers: [bob, ' '] }), 400, 20001);
    const cleared = await api(server, 'POST', `/v2/Flows/${created.sid}/TestUsers`, { TestUsers: '' });
    expect(cleared.body).toEqual({ sid: created.sid, test_users: [], url });
    // Setting test users is not a save: the revision stays.
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}`)).body.revision).toBe(1);
  });

  it('runs the latest draft for a test user and the published revision for everyone else', async () => {
    await buyNumber(flowNumber);
    const created = await flow(greetFlow('Published hello'));
    const updated = await api(server, 'POST', `/v2/Flows/${created.sid}`, { Status: 'draft', Definition: JSON.stringify(greetFlow('Draft hello')) });
    expect(updated.body).toMatchObject({ revision: 2, status: 'draft' });
    await api(server, 'POST', `/v2/Flows/${created.sid}/TestUsers`, { TestUsers: alice });

    const tester = await execute(created.sid, alice);
    expect(tester.status).toBe(201);
    expect(tester.body.flow_version).toBe(2);
    const live = await execute(created.sid, bob);
    expect(live.status).toBe(201);
    expect(live.body.flow_version).toBe(1);

    expect(await inbox(alice)).toEqual(['Draft hello']);
    expect(await inbox(bob)).toEqual(['Published hello']);
  });

  it('lets a test user run a flow that was never published; others are refused', async () => {
    await buyNumber(flowNumber);
    const draft = await flow(greetFlow('Only drafts'), { Status: 'draft' });
    await api(server, 'POST', `/v2/Flows/${draft.sid}/TestUsers`, { TestUsers: alice });
    const refused = await execute(draft.sid, bob);
    expect(refused.status).toBe(400);
    const tester = await execute(draft.sid, alice);
    expect(tester.status).toBe(201);
    expect(tester.body.flow_version).toBe(1);
    expect(await inbox(alice)).toEqual(['Only drafts']);
    expect(await inbox(bob)).toEqual([]);
  });
});

describe('Executions', () => {
  beforeEach(async () => {
    await buyNumber(flowNumber);
  });

  it('creates an execution with the Studio v2 Execution fields', async () => {
    const created = await flow(askFlow());
    const parameters = { name: 'Ada', order: { id: 7, items: ['tea'] } };
    const response = await execute(created.sid, alice, { Parameters: JSON.stringify(parameters) });
    expect(response.status).toBe(201);
    const body = response.body;
    expect(Object.keys(body).sort()).toEqual(executionFields);
    expect(body.sid).toMatch(sidOf('FN'));
    expect(body.contact_sid).toMatch(sidOf('FC'));
    const url = `${server.url}/v2/Flows/${created.sid}/Executions/${body.sid}`;
    expect(body).toEqual({
      sid: body.sid,
      account_sid: accountSid,
      flow_sid: created.sid,
      contact_sid: body.contact_sid,
      contact_channel_address: alice,
      context: expect.any(Object),
      status: 'active',
      date_created: expect.stringMatching(studioDate),
      date_updated: expect.stringMatching(studioDate),
      initiated_by: accountSid,
      flow_version: 1,
      url,
      links: { steps: `${url}/Steps`, execution_context: `${url}/Context` },
    });
    expect(body.context.flow).toEqual({ flow_sid: created.sid, sid: body.sid, channel: { address: flowNumber }, data: parameters, variables: {} });
    expect(body.context.contact).toEqual({ channel: { address: alice } });
    expect(body.context.trigger).toEqual({ request: { from: flowNumber, to: alice, parameters } });
    expect(body.context.widgets.ask.outbound).toMatchObject({ Body: 'Your name?', To: alice, From: flowNumber, Sid: expect.stringMatching(sidOf('SM')) });

    const fetched = await api(server, 'GET', `/v2/Flows/${created.sid}/Executions/${body.sid}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(body);
    expect(await inbox(alice)).toEqual(['Your name?']);

    // The same contact keeps the same contact SID in a later execution.
    await api(server, 'POST', `/v2/Flows/${created.sid}/Executions/${body.sid}`, { Status: 'ended' });
    const later = await execute(created.sid, alice);
    expect(later.body.contact_sid).toBe(body.contact_sid);
    expect((await execute(created.sid, bob)).body.contact_sid).not.toBe(body.contact_sid);
  });

  it('starts without Parameters with empty flow.data, and refuses bad Parameters and missing To/From', async () => {
    const created = await flow(greetFlow('hi'));
    const plain = await execute(created.sid, alice);
    expect(plain.status).toBe(201);
    expect(plain.body.context.flow.data).toEqual({});
    expect(plain.body.status).toBe('ended');
    expectError(await execute(created.sid, bob, { Parameters: '{not json' }), 400, 20001);
    expectError(await execute(created.sid, bob, { Parameters: '[1,2]' }), 400, 20001);
    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}/Executions`, { To: bob }), 400, 20001);
    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}/Executions`, { From: flowNumber }), 400, 20001);
    expectError(await execute('FW' + '0'.repeat(32), bob), 404, 20404);
    expect(await inbox(bob)).toEqual([]);
  });

  it('refuses a second execution for a waiting contact with 409 / 20409 until the first is ended', async () => {
    const created = await flow(askFlow());
    const first = await execute(created.sid, alice);
    expect(first.status).toBe(201);
    expect(first.body.status).toBe('active');

    const conflict = await execute(created.sid, alice, { Parameters: '{"again":true}' });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({
      code: 20409,
      message: `Execution ${first.body.sid} is already active for this contact. End the active Execution before creating a new one`,
      more_info: 'https://www.twilio.com/docs/errors/20409',
      status: 409,
      details: { conflicting_execution_sid: first.body.sid },
    });

    // Another contact is not affected.
    expect((await execute(created.sid, bob)).status).toBe(201);

    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}/Executions/${first.body.sid}`, { Status: 'active' }), 400, 20001);
    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}/Executions/${first.body.sid}`, {}), 400, 20001);

    const ended = await api(server, 'POST', `/v2/Flows/${created.sid}/Executions/${first.body.sid}`, { Status: 'ended' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ sid: first.body.sid, status: 'ended', flow_version: 1 });
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}/Executions/${first.body.sid}`)).body.status).toBe('ended');
    // Ending twice answers the ended execution.
    const again = await api(server, 'POST', `/v2/Flows/${created.sid}/Executions/${first.body.sid}`, { Status: 'ended' });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('ended');

    const second = await execute(created.sid, alice);
    expect(second.status).toBe(201);
    expect(second.body.sid).not.toBe(first.body.sid);
    expect(second.body.status).toBe('active');
    expect(await inbox(alice)).toEqual(['Your name?', 'Your name?']);
  });

  it('lets only one of two simultaneous creates for a contact through', async () => {
    const created = await flow(askFlow());
    const results = await Promise.all([execute(created.sid, alice), execute(created.sid, alice)]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    const winner = results.find((result) => result.status === 201)!;
    const loser = results.find((result) => result.status === 409)!;
    expect(loser.body.details).toEqual({ conflicting_execution_sid: winner.body.sid });
    const active = await api(server, 'GET', `/v2/Flows/${created.sid}/Executions?Status=active`);
    expect(active.body.executions.map((execution: { sid: string }) => execution.sid)).toEqual([winner.body.sid]);
    expect(await inbox(alice)).toEqual(['Your name?']);
  });

  it('refuses To and From of more than 300 bytes together with 81023', async () => {
    const created = await flow(greetFlow('hi'));
    const from = flowNumber; // 12 bytes
    const tooLong = await api(server, 'POST', `/v2/Flows/${created.sid}/Executions`, { To: 'client:' + 'a'.repeat(300 - from.length - 6), From: from });
    expectError(tooLong, 400, 81023);
    const atLimit = await api(server, 'POST', `/v2/Flows/${created.sid}/Executions`, { To: 'client:' + 'a'.repeat(300 - from.length - 7), From: from });
    expect(atLimit.status).toBe(201);
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}/Executions`)).body.executions).toHaveLength(1);
  });

  it('resumes the waiting execution when the contact replies to the flow number', async () => {
    const created = await flow(askFlow());
    await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: '+15555550199', SmsUrl: created.webhook_url });
    const started = await api(server, 'POST', `/v2/Flows/${created.sid}/Executions`, { To: alice, From: '+15555550199' });
    expect(started.status).toBe(201);
    const reply = await api(server, 'POST', `/emulator/v1/Handsets/${encodeURIComponent(alice)}/Messages`, { To: '+15555550199', Body: 'Grace' });
    expect(reply.status).toBe(201);
    expect(await inbox(alice)).toEqual(['Your name?', 'Grace', 'Thanks Grace']);
    const fetched = await api(server, 'GET', `/v2/Flows/${created.sid}/Executions/${started.body.sid}`);
    expect(fetched.body.status).toBe('ended');
    expect(fetched.body.context.widgets.ask.inbound).toMatchObject({ Body: 'Grace', From: alice });
  });

  it('lists executions newest first, filtered by Status, DateCreatedFrom and DateCreatedTo', async () => {
    const created = await flow(askFlow());
    const start = await clockNow();
    const older = (await execute(created.sid, alice)).body;
    await advance(60);
    const newer = (await execute(created.sid, bob)).body;
    await api(server, 'POST', `/v2/Flows/${created.sid}/Executions/${newer.sid}`, { Status: 'ended' });

    const path = `/v2/Flows/${created.sid}/Executions`;
    const sids = async (query: string) => {
      const response = await api(server, 'GET', `${path}${query}`);
      expect(response.status).toBe(200);
      expect(response.body.meta.key).toBe('executions');
      return response.body.executions.map((execution: { sid: string }) => execution.sid);
    };

    const all = await api(server, 'GET', path);
    expect(all.body.executions.map((execution: { sid: string }) => execution.sid)).toEqual([newer.sid, older.sid]);
    expect(all.body.executions[1]).toEqual((await api(server, 'GET', `${path}/${older.sid}`)).body);
    expect(all.body.meta).toEqual({
      page: 0,
      page_size: 50,
      first_page_url: `${server.url}${path}?PageSize=50&Page=0`,
      previous_page_url: null,
      url: `${server.url}${path}?PageSize=50&Page=0`,
      next_page_url: null,
      key: 'executions',
    });

    expect(await sids('?Status=active')).toEqual([older.sid]);
    expect(await sids('?Status=ended')).toEqual([newer.sid]);
    const middle = encodeURIComponent(isoSeconds(start + 30_000));
    expect(await sids(`?DateCreatedFrom=${middle}`)).toEqual([newer.sid]);
    expect(await sids(`?DateCreatedTo=${middle}`)).toEqual([older.sid]);
    expect(await sids(`?DateCreatedFrom=${encodeURIComponent(isoSeconds(start - 1000))}&DateCreatedTo=${middle}&Status=active`)).toEqual([older.sid]);
    expect(await sids(`?DateCreatedFrom=${middle}&Status=active`)).toEqual([]);

    // The filters carry into the paging links.
    const paged = await api(server, 'GET', `${path}?Status=active&PageSize=1`);
    expect(paged.body.meta.url).toBe(`${server.url}${path}?Status=active&PageSize=1&Page=0`);
    expect(paged.body.meta.next_page_url).toBeNull();
    const both = await api(server, 'GET', `${path}?PageSize=1`);
    expect(both.body.executions.map((execution: { sid: string }) => execution.sid)).toEqual([newer.sid]);
    const second = await api(server, 'GET', pathOf(both.body.meta.next_page_url));
    expect(second.body.executions.map((execution: { sid: string }) => execution.sid)).toEqual([older.sid]);

    expectError(await api(server, 'GET', `${path}?Status=paused`), 400, 20001);
    expectError(await api(server, 'GET', `${path}?DateCreatedFrom=yesterday`), 400, 20001);
  });

  it('filters by date at the whole seconds that date_created shows', async () => {
    const created = await flow(askFlow());
    // Half past a second, then three tenths later: both show the same date_created.
    const now = await clockNow();
    await advance(Number(((1000 - (now % 1000)) / 1000 + 0.5).toFixed(3)));
    const first = (await execute(created.sid, alice)).body;
    await advance(0.3);
    const second = (await execute(created.sid, bob)).body;
    expect(second.date_created).toBe(first.date_created);
    const shown = Date.parse(first.date_created);

    const sids = async (query: string) =>
      (await api(server, 'GET', `/v2/Flows/${created.sid}/Executions?${query}`)).body.executions.map((execution: { sid: string }) => execution.sid);
    const at = (ms: number) => encodeURIComponent(isoSeconds(ms));
    expect(await sids(`DateCreatedFrom=${at(shown)}&DateCreatedTo=${at(shown)}`)).toEqual([second.sid, first.sid]);
    expect(await sids(`DateCreatedTo=${at(shown)}`)).toEqual([second.sid, first.sid]);
    expect(await sids(`DateCreatedFrom=${at(shown)}`)).toEqual([second.sid, first.sid]);
    expect(await sids(`DateCreatedTo=${at(shown - 1000)}`)).toEqual([]);
    expect(await sids(`DateCreatedFrom=${at(shown + 1000)}`)).toEqual([]);
  });

  it('serves the execution context', async () => {
    const created = await flow(greetThenRemember());
    const execution = (await execute(created.sid, alice, { Parameters: '{"name":"Ada"}' })).body;
    const response = await api(server, 'GET', `/v2/Flows/${created.sid}/Executions/${execution.sid}/Context`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['account_sid', 'context', 'execution_sid', 'flow_sid', 'url']);
    expect(response.body).toEqual({
      account_sid: accountSid,
      context: execution.context,
      flow_sid: created.sid,
      execution_sid: execution.sid,
      url: `${server.url}/v2/Flows/${created.sid}/Executions/${execution.sid}/Context`,
    });
    expect(response.body.context.flow.variables).toEqual({ greeted: 'yes' });
    expect(response.body.context.widgets.greet.outbound).toMatchObject({ Body: 'Hello Ada' });
  });

  it('lists steps in order with their fields, and serves each step and its context', async () => {
    const created = await flow(greetThenRemember());
    const execution = (await execute(created.sid, alice, { Parameters: '{"name":"Ada"}' })).body;
    expect(execution.status).toBe('ended');
    const base = `/v2/Flows/${created.sid}/Executions/${execution.sid}/Steps`;
    const list = await api(server, 'GET', base);
    expect(list.status).toBe(200);
    const steps = list.body.steps;
    expect(steps).toHaveLength(3);
    expect(list.body.meta).toMatchObject({ key: 'steps', page: 0, page_size: 50, next_page_url: null, url: `${server.url}${base}?PageSize=50&Page=0` });
    expect(steps.map((step: any) => [step.name, step.transitioned_from, step.transitioned_to, step.type])).toEqual([
      ['incomingRequest', 'Trigger', 'greet', 'trigger'],
      ['sent', 'greet', 'remember', 'send-message'],
      ['next', 'remember', 'Ended', 'set-variables'],
    ]);
    for (const step of steps) {
      expect(Object.keys(step).sort()).toEqual(stepFields);
      const url = `${server.url}${base}/${step.sid}`;
      expect(step).toEqual({
        sid: expect.stringMatching(sidOf('FT')),
        account_sid: accountSid,
        flow_sid: created.sid,
        execution_sid: execution.sid,
        parent_step_sid: null,
        name: step.name,
        context: expect.any(Object),
        transitioned_from: step.transitioned_from,
        transitioned_to: step.transitioned_to,
        type: step.type,
        date_created: expect.stringMatching(studioDate),
        date_updated: expect.stringMatching(studioDate),
        url,
        links: { step_context: `${url}/Context` },
      });
    }
    expect(new Set(steps.map((step: { sid: string }) => step.sid)).size).toBe(3);
    expect(steps[0].context).toEqual({ trigger: { request: { from: flowNumber, to: alice, parameters: { name: 'Ada' } } } });
    expect(steps[1].context).toEqual({ outbound: expect.objectContaining({ Body: 'Hello Ada', To: alice }) });

    const fetched = await api(server, 'GET', `${base}/${steps[1].sid}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(steps[1]);

    // A step's Context is the whole execution context as it was right after that step.
    const stepContext = await api(server, 'GET', `${base}/${steps[1].sid}/Context`);
    expect(stepContext.status).toBe(200);
    expect(stepContext.body).toEqual({
      account_sid: accountSid,
      context: expect.objectContaining({
        flow: expect.objectContaining({ flow_sid: created.sid, data: { name: 'Ada' }, variables: {} }),
        trigger: steps[0].context.trigger,
        widgets: { greet: steps[1].context },
      }),
      execution_sid: execution.sid,
      flow_sid: created.sid,
      step_sid: steps[1].sid,
      url: `${server.url}${base}/${steps[1].sid}/Context`,
    });
    const lastContext = await api(server, 'GET', `${base}/${steps[2].sid}/Context`);
    expect(lastContext.body.context.flow.variables).toEqual({ greeted: 'yes' });

    // Paging keeps the order.
    const firstPage = await api(server, 'GET', `${base}?PageSize=2`);
    const secondPage = await api(server, 'GET', pathOf(firstPage.body.meta.next_page_url));
    expect([...firstPage.body.steps, ...secondPage.body.steps].map((step: { sid: string }) => step.sid)).toEqual(steps.map((step: { sid: string }) => step.sid));

    expectError(await api(server, 'GET', `${base}/FT${'0'.repeat(32)}`), 404, 20404);
    expectError(await api(server, 'GET', `${base}/FT${'0'.repeat(32)}/Context`), 404, 20404);
  });

  it('does not serve an execution or its steps under another flow', async () => {
    const one = await flow(greetFlow('one'));
    const two = await flow(greetFlow('two'));
    const execution = (await execute(one.sid, alice)).body;
    const step = (await api(server, 'GET', `/v2/Flows/${one.sid}/Executions/${execution.sid}/Steps`)).body.steps[0];
    expectError(await api(server, 'GET', `/v2/Flows/${two.sid}/Executions/${execution.sid}`), 404, 20404);
    expectError(await api(server, 'GET', `/v2/Flows/${two.sid}/Executions/${execution.sid}/Context`), 404, 20404);
    expectError(await api(server, 'GET', `/v2/Flows/${two.sid}/Executions/${execution.sid}/Steps/${step.sid}`), 404, 20404);
    expect((await api(server, 'GET', `/v2/Flows/${two.sid}/Executions`)).body.executions).toEqual([]);
  });

  it('deletes an execution: 204, then 404 for it and its steps', async () => {
    const created = await flow(askFlow());
    const execution = (await execute(created.sid, alice)).body;
    const path = `/v2/Flows/${created.sid}/Executions/${execution.sid}`;
    const deleted = await api(server, 'DELETE', path);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expectError(await api(server, 'GET', path), 404, 20404);
    expectError(await api(server, 'GET', `${path}/Steps`), 404, 20404);
    expectError(await api(server, 'GET', `${path}/Context`), 404, 20404);
    expectError(await api(server, 'DELETE', path), 404, 20404);
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}/Executions`)).body.executions).toEqual([]);
    // The contact is free again.
    expect((await execute(created.sid, alice)).status).toBe(201);
  });
});

describe('Emulator clock and send-and-wait timeouts', () => {
  it('GET Clock returns now; POST Clock moves it by Advance seconds', async () => {
    const clock = await api(server, 'GET', '/emulator/v1/Clock');
    expect(clock.status).toBe(200);
    expect(clock.body).toEqual({ now: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/), virtual: true });
    const before = Date.parse(clock.body.now);
    const moved = await advance(90);
    expect(Date.parse(moved.now) - before).toBe(90_000);
    expect(await clockNow()).toBe(before + 90_000);
    expectError(await api(server, 'POST', '/emulator/v1/Clock', { Advance: '-5' }), 400, 20001);
    expectError(await api(server, 'POST', '/emulator/v1/Clock', { Advance: 'soon' }), 400, 20001);
    expectError(await api(server, 'POST', '/emulator/v1/Clock', {}), 400, 20001);
    expect(await clockNow()).toBe(before + 90_000);
  });

  it('fires the timeout branch when the clock passes the timeout, and not before', async () => {
    await buyNumber(flowNumber);
    const created = await flow(askFlow('120'));
    const execution = (await execute(created.sid, alice)).body;
    const path = `/v2/Flows/${created.sid}/Executions/${execution.sid}`;
    expect(await inbox(alice)).toEqual(['Your name?']);

    await advance(119);
    expect(await inbox(alice)).toEqual(['Your name?']);
    expect((await api(server, 'GET', path)).body.status).toBe('active');
    expect((await api(server, 'GET', `${path}/Steps`)).body.steps).toHaveLength(1);

    await advance(1);
    expect(await inbox(alice)).toEqual(['Your name?', 'Too late']);
    const after = await api(server, 'GET', path);
    expect(after.body.status).toBe('ended');
    const steps = (await api(server, 'GET', `${path}/Steps`)).body.steps;
    expect(steps.map((step: any) => [step.name, step.transitioned_from, step.transitioned_to])).toEqual([
      ['incomingRequest', 'Trigger', 'ask'],
      ['timeout', 'ask', 'too_late'],
      ['sent', 'too_late', 'Ended'],
    ]);

    // It fires once.
    await advance(3600);
    expect(await inbox(alice)).toEqual(['Your name?', 'Too late']);
  });

  it('does not fire the timeout of an execution ended by request', async () => {
    await buyNumber(flowNumber);
    const created = await flow(askFlow('60'));
    const execution = (await execute(created.sid, alice)).body;
    await api(server, 'POST', `/v2/Flows/${created.sid}/Executions/${execution.sid}`, { Status: 'ended' });
    await advance(120);
    expect(await inbox(alice)).toEqual(['Your name?']);
  });

  it('refuses to move the system clock with 409', async () => {
    const system = await testServer({ clock: 'system' });
    try {
      const moved = await api(system, 'POST', '/emulator/v1/Clock', { Advance: '10' });
      expectError(moved, 409, 89007);
      const clock = await api(system, 'GET', '/emulator/v1/Clock');
      expect(clock.status).toBe(200);
      expect(clock.body.virtual).toBe(false);
      expect(Math.abs(Date.parse(clock.body.now) - Date.now())).toBeLessThan(5_000);
    } finally {
      await system.close();
    }
  });
});

describe('Authentication', () => {
  const otherSid = 'AC' + '2'.repeat(32);
  const otherToken = 'e'.repeat(32);

  beforeEach(async () => {
    await server.context.store.putAccount({ sid: otherSid, authToken: otherToken, friendlyName: 'Other', dateCreated: new Date().toISOString() });
  });

  it('answers a wrong password with 401 / 20003', async () => {
    const response = await api(server, 'GET', '/v2/Flows', undefined, `${accountSid}:${'0'.repeat(32)}`);
    expectError(response, 401, 20003);
    expectError(await api(server, 'POST', '/v2/Flows', { FriendlyName: 'x', Status: 'draft', Definition: '{}' }, `${accountSid}:wrong`), 401, 20003);
    expect((await api(server, 'GET', '/v2/Flows')).body.flows).toEqual([]);
  });

  it('answers no credentials and an unknown account with 401 / 20003', async () => {
    const response = await fetch(`${server.url}/v2/Flows`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
    expectError(await api(server, 'GET', '/v2/Flows', undefined, `AC${'9'.repeat(32)}:${authToken}`), 401, 20003);
  });

  it("refuses another account's SID with this account's token", async () => {
    expectError(await api(server, 'GET', '/v2/Flows', undefined, `${otherSid}:${authToken}`), 401, 20003);
  });

  it("keeps one account's flows from another", async () => {
    const created = await flow(greetFlow('mine'));
    const other = `${otherSid}:${otherToken}`;
    expect((await api(server, 'GET', '/v2/Flows', undefined, other)).body.flows).toEqual([]);
    expectError(await api(server, 'GET', `/v2/Flows/${created.sid}`, undefined, other), 404, 20404);
    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}`, { Status: 'draft' }, other), 404, 20404);
    expectError(await api(server, 'DELETE', `/v2/Flows/${created.sid}`, undefined, other), 404, 20404);
    expectError(await api(server, 'POST', `/v2/Flows/${created.sid}/Executions`, { To: alice, From: flowNumber }, other), 404, 20404);
    expect((await api(server, 'GET', `/v2/Flows/${created.sid}`)).status).toBe(200);
  });
});
