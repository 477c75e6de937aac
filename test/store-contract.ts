import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExecutionState } from '../src/engine/execution-state.ts';
import type {
  AccountRecord,
  ApiKeyRecord,
  CallEvent,
  CallFilter,
  CallRecord,
  ConversationMessageRecord,
  ConversationRecord,
  ExecutionRecord,
  FlowRecord,
  HandsetRecord,
  MessageRecord,
  NumberRecord,
  RecordingFilter,
  RecordingRecord,
  RevisionRecord,
  StepRecord,
  TwimlBinRecord,
  ApplicationRecord,
} from '../src/store/records.ts';
import { defaultWebhooks } from '../src/store/records.ts';
import { StoreConflict, type Store } from '../src/store/store.ts';

/**
 * The behaviour every Store must have. Each implementation's test file calls `storeContract`
 * (Hono's runTest pattern): `open` gives a fresh, empty store for every test; `reopen`, for a
 * durable store, closes the given store and opens the same database again.
 *
 * Records are plain JSON, so round-trips are checked with toStrictEqual.
 */

// ---------------------------------------------------------------------------------------------
// Record factories
// ---------------------------------------------------------------------------------------------

let sidCounter = 0;
const mask128 = (1n << 128n) - 1n;

/** A Twilio-style SID: two letters and 32 hex digits. Deterministic, but not in creation order. */
function sid(prefix: string): string {
  sidCounter += 1;
  const mixed = (BigInt(sidCounter) * 0x9e3779b97f4a7c15f39cc0605cedc835n + 0x6a09e667f3bcc908n) & mask128;
  return prefix + mixed.toString(16).padStart(32, '0');
}

const base = Date.UTC(2026, 2, 1, 12, 0, 0);
/** An ISO 8601 date `minutes` after 2026-03-01T12:00:00Z. */
const at = (minutes: number): string => new Date(base + minutes * 60_000).toISOString();

/** A distinct E.164 number. */
const phone = (n: number): string => `+1501712${String(n).padStart(4, '0')}`;

const ACCOUNT = sid('AC');
const OTHER_ACCOUNT = sid('AC');
const CUSTOMER = '+15005550006';
const OTHER_CUSTOMER = '+15005550009';
const FLOW_NUMBER = '+15017122661';

const sidsOf = (records: Array<{ sid: string }>): string[] => records.map((record) => record.sid);

function flowDefinition(greeting = 'Hi! What would you like to order?') {
  return {
    description: 'Order bot',
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        transitions: [{ event: 'incomingMessage', next: 'ask' }, { event: 'incomingCall' }, { event: 'incomingRequest' }],
        properties: { offset: { x: 0, y: 0 } },
      },
      {
        name: 'ask',
        type: 'send-and-wait-for-reply',
        transitions: [{ event: 'incomingMessage' }, { event: 'timeout' }, { event: 'deliveryFailure' }],
        properties: { from: '{{flow.channel.address}}', body: greeting, timeout: '3600', offset: { x: 0, y: 200 } },
      },
    ],
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
  };
}

function accountRecord(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    sid: sid('AC'),
    authToken: sid('').slice(0, 32),
    friendlyName: 'Switchboard test account',
    dateCreated: at(0),
    ...overrides,
  };
}

export function flowRecord(overrides: Partial<FlowRecord> = {}): FlowRecord {
  return {
    sid: sid('FW'),
    accountSid: ACCOUNT,
    friendlyName: 'Order bot',
    status: 'published',
    revision: 1,
    publishedRevision: 1,
    definition: flowDefinition(),
    commitMessage: 'First version',
    valid: true,
    errors: [],
    warnings: [{ message: 'Widget ask has no transition for timeout', property_path: '#/states/1/transitions/1' }],
    testUsers: [],
    dateCreated: at(0),
    dateUpdated: at(0),
    ...overrides,
  };
}

/** The revision that `flow` shows. */
export function revisionRecord(flow: FlowRecord, overrides: Partial<RevisionRecord> = {}): RevisionRecord {
  return {
    flowSid: flow.sid,
    accountSid: flow.accountSid,
    revision: flow.revision,
    friendlyName: flow.friendlyName,
    status: flow.status,
    definition: flow.definition,
    commitMessage: flow.commitMessage,
    valid: flow.valid,
    errors: flow.errors,
    dateCreated: flow.dateUpdated,
    dateUpdated: flow.dateUpdated,
    ...overrides,
  };
}

/** A realistic engine state for an execution; the store keeps it as opaque JSON. */
function executionState(execution: Omit<ExecutionRecord, 'state'>): ExecutionState {
  return {
    sid: execution.sid,
    flowSid: execution.flowSid,
    status: execution.status,
    context: {
      flow: {
        flow_sid: execution.flowSid,
        sid: execution.sid,
        channel: { address: execution.flowAddress },
        data: { order: { items: ['pizza', 'soda'], total: 23.5, rush: false, note: null } },
        variables: { attempts: 1 },
      },
      contact: { channel: { address: execution.contactAddress } },
      trigger: {
        message: {
          MessageSid: execution.initiatedBy,
          From: execution.contactAddress,
          To: execution.flowAddress,
          Body: 'Héllo 👋 "one large" \\ pizza\nplease',
        },
      },
      widgets: { ask: { outbound: { Body: 'Hi! What would you like to order?' } } },
    },
    ...(execution.dueAt
      ? { wait: { widget: 'ask', events: ['incomingMessage', 'deliveryFailure'], dueAt: execution.dueAt, dueEvent: 'timeout' as const } }
      : {}),
    stepCount: 2,
    streak: { widget: 'ask', runs: 1 },
    startedAt: execution.dateCreated,
    expiresAt: new Date(Date.parse(execution.dateCreated) + 86_400_000).toISOString(),
    ...(execution.status === 'ended' ? { ended: { reason: 'FLOW_END' as const, at: execution.dateUpdated } } : {}),
  };
}

function executionRecord(overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  const { state, ...rest } = overrides;
  const fields: Omit<ExecutionRecord, 'state'> = {
    sid: sid('FN'),
    accountSid: ACCOUNT,
    flowSid: sid('FW'),
    flowRevision: 1,
    contactAddress: CUSTOMER,
    flowAddress: FLOW_NUMBER,
    initiatedBy: sid('SM'),
    status: 'active',
    dueAt: null,
    dateCreated: at(0),
    dateUpdated: at(0),
    ...rest,
  };
  return { ...fields, state: state ?? executionState(fields) };
}

function stepRecord(execution: ExecutionRecord, index: number): StepRecord {
  return {
    accountSid: execution.accountSid,
    flowSid: execution.flowSid,
    executionSid: execution.sid,
    index,
    step: {
      sid: sid('FT'),
      name: index === 0 ? 'incomingMessage' : 'outgoingMessage',
      type: index === 0 ? 'trigger' : 'send-message',
      transitioned_from: index === 0 ? 'Trigger' : `widget_${index - 1}`,
      transitioned_to: `widget_${index}`,
      context: { widgets: { [`widget_${index}`]: { status: 'sent', index } } },
      date_created: execution.dateUpdated,
    },
  };
}

const steps = (execution: ExecutionRecord, from: number, count: number): StepRecord[] =>
  Array.from({ length: count }, (_, offset) => stepRecord(execution, from + offset));

function numberRecord(overrides: Partial<NumberRecord> = {}): NumberRecord {
  const phoneNumber = overrides.phoneNumber ?? FLOW_NUMBER;
  return {
    sid: sid('PN'),
    accountSid: ACCOUNT,
    phoneNumber,
    friendlyName: phoneNumber,
    ...defaultWebhooks(),
    smsUrl: `https://webhooks.twilio.com/v1/Accounts/${ACCOUNT}/Flows/${sid('FW')}`,
    statusCallback: 'https://example.com/status',
    dateCreated: at(0),
    dateUpdated: at(0),
    ...overrides,
  };
}

export function messageRecord(overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    sid: sid('SM'),
    accountSid: ACCOUNT,
    from: CUSTOMER,
    to: FLOW_NUMBER,
    body: 'One large pizza — extra cheese, "please" 🍕',
    mediaUrls: ['https://example.com/menu.jpg'],
    status: 'received',
    direction: 'inbound',
    numSegments: 1,
    messagingServiceSid: null,
    statusCallback: null,
    errorCode: null,
    errorMessage: null,
    dateCreated: at(0),
    dateSent: at(0),
    dateUpdated: at(0),
    ...overrides,
  };
}

/** A finished inbound call to the flow number, answered at once and one minute long. */
export function callRecord(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    sid: sid('CA'),
    accountSid: ACCOUNT,
    parentCallSid: null,
    from: CUSTOMER,
    to: FLOW_NUMBER,
    direction: 'inbound',
    status: 'completed',
    phoneNumberSid: sid('PN'),
    answeredBy: null,
    dateCreated: at(0),
    dateUpdated: at(1),
    startTime: at(0),
    endTime: at(1),
    duration: 60,
    ...overrides,
  };
}

/** A call event of `type` at `minutes`, with fields of every JSON kind; the store keeps it as opaque JSON. */
function callEvent(type: string, minutes: number, fields: Record<string, unknown> = {}): CallEvent {
  return {
    type,
    at: at(minutes),
    text: `Héllo 👋 "${type}" \\ at ${minutes}\nplease`,
    voice: 'Polly.Joanna',
    language: 'en-US',
    loop: 1,
    barge: false,
    digits: null,
    nested: { numbers: [CUSTOMER, OTHER_CUSTOMER], options: { timeout: 5, finishOnKey: '#' } },
    ...fields,
  };
}

export function recordingRecord(overrides: Partial<RecordingRecord> = {}): RecordingRecord {
  return {
    sid: sid('RE'),
    accountSid: ACCOUNT,
    callSid: sid('CA'),
    status: 'completed',
    source: 'RecordVerb',
    duration: 7,
    audio: 'Leave a message — "after the tone" 📞\nthanks',
    startTime: at(0),
    dateCreated: at(0),
    dateUpdated: at(0),
    ...overrides,
  };
}

export function apiKeyRecord(overrides: Partial<ApiKeyRecord> = {}): ApiKeyRecord {
  return {
    sid: sid('SK'),
    accountSid: ACCOUNT,
    friendlyName: 'CI key',
    secret: sid('').slice(0, 32),
    dateCreated: at(0),
    dateUpdated: at(0),
    ...overrides,
  };
}

function handsetRecord(overrides: Partial<HandsetRecord> = {}): HandsetRecord {
  return { address: CUSTOMER, answerMode: 'auto', answerDelay: 2, answeredBy: 'human', ...overrides };
}

const all = { offset: 0, limit: 100 };

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

export function storeContract(name: string, open: () => Promise<Store>, reopen?: (store: Store) => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
    });

    /** Saves a flow with the revision it shows. */
    async function seedFlow(overrides: Partial<FlowRecord> = {}): Promise<{ flow: FlowRecord; revision: RevisionRecord }> {
      const flow = flowRecord(overrides);
      const revision = revisionRecord(flow);
      await store.saveFlow(flow, revision);
      return { flow, revision };
    }

    /** Saves the next revision of a flow. */
    async function nextRevision(flow: FlowRecord, minutes: number): Promise<{ flow: FlowRecord; revision: RevisionRecord }> {
      const next = flowRecord({
        ...flow,
        revision: flow.revision + 1,
        definition: flowDefinition(`Revision ${flow.revision + 1}: what would you like?`),
        commitMessage: `Revision ${flow.revision + 1}`,
        dateUpdated: at(minutes),
      });
      const revision = revisionRecord(next);
      await store.saveFlow(next, revision);
      return { flow: next, revision };
    }

    describe('accounts', () => {
      it('getAccount of an unknown sid is undefined and a new store lists no accounts', async () => {
        expect(await store.getAccount(sid('AC'))).toBeUndefined();
        expect(await store.listAccounts()).toStrictEqual([]);
      });

      it('putAccount round-trips and listAccounts returns every account', async () => {
        const first = accountRecord({ dateCreated: at(1) });
        const second = accountRecord({ dateCreated: at(2), friendlyName: 'Second' });
        await store.putAccount(first);
        await store.putAccount(second);
        expect(await store.getAccount(first.sid)).toStrictEqual(first);
        expect(await store.getAccount(second.sid)).toStrictEqual(second);
        const listed = await store.listAccounts();
        expect([...listed].sort((a, b) => a.sid.localeCompare(b.sid))).toStrictEqual(
          [first, second].sort((a, b) => a.sid.localeCompare(b.sid)),
        );
      });

      it('putAccount of an existing sid replaces it', async () => {
        const account = accountRecord();
        await store.putAccount(account);
        const rotated = { ...account, authToken: 'f'.repeat(32), friendlyName: 'Renamed' };
        await store.putAccount(rotated);
        expect(await store.getAccount(account.sid)).toStrictEqual(rotated);
        expect(await store.listAccounts()).toStrictEqual([rotated]);
      });
    });

    describe('flows', () => {
      it('getFlow of an unknown sid is undefined', async () => {
        expect(await store.getFlow(sid('FW'))).toBeUndefined();
      });

      it('saveFlow writes the flow and its revision, both round-tripping exactly', async () => {
        const { flow, revision } = await seedFlow({
          testUsers: [CUSTOMER, OTHER_CUSTOMER],
          errors: [{ message: 'Widget ask is missing body', property_path: '#/states/1/properties/body' }],
          valid: false,
          status: 'draft',
          publishedRevision: null,
          commitMessage: null,
        });
        expect(await store.getFlow(flow.sid)).toStrictEqual(flow);
        expect(await store.getRevision(flow.sid, 1)).toStrictEqual(revision);
      });

      it('saveFlow of a new revision updates the flow and keeps the earlier revisions', async () => {
        const first = await seedFlow();
        const second = await nextRevision(first.flow, 5);
        expect(await store.getFlow(first.flow.sid)).toStrictEqual(second.flow);
        expect(await store.getRevision(first.flow.sid, 1)).toStrictEqual(first.revision);
        expect(await store.getRevision(first.flow.sid, 2)).toStrictEqual(second.revision);
      });

      it('updateFlow writes the flow without adding or changing a revision', async () => {
        const { flow, revision } = await seedFlow();
        const updated = { ...flow, testUsers: [CUSTOMER], dateUpdated: at(7) };
        await store.updateFlow(updated);
        expect(await store.getFlow(flow.sid)).toStrictEqual(updated);
        expect(await store.listRevisions(flow.sid, all)).toStrictEqual([revision]);
        expect(await store.getRevision(flow.sid, 2)).toBeUndefined();
      });

      it('listFlows lists an account’s flows newest first, with offset paging', async () => {
        const oldest = flowRecord({ dateCreated: at(1), dateUpdated: at(1) });
        const newest = flowRecord({ dateCreated: at(3), dateUpdated: at(3) });
        const middle = flowRecord({ dateCreated: at(2), dateUpdated: at(2) });
        const elsewhere = flowRecord({ accountSid: OTHER_ACCOUNT, dateCreated: at(4), dateUpdated: at(4) });
        for (const flow of [oldest, newest, middle, elsewhere]) await store.saveFlow(flow, revisionRecord(flow));

        expect(await store.listFlows(ACCOUNT, all)).toStrictEqual([newest, middle, oldest]);
        expect(sidsOf(await store.listFlows(ACCOUNT, { offset: 0, limit: 2 }))).toStrictEqual([newest.sid, middle.sid]);
        expect(sidsOf(await store.listFlows(ACCOUNT, { offset: 1, limit: 1 }))).toStrictEqual([middle.sid]);
        expect(sidsOf(await store.listFlows(ACCOUNT, { offset: 2, limit: 5 }))).toStrictEqual([oldest.sid]);
        expect(await store.listFlows(ACCOUNT, { offset: 3, limit: 5 })).toStrictEqual([]);
        expect(sidsOf(await store.listFlows(OTHER_ACCOUNT, all))).toStrictEqual([elsewhere.sid]);
        expect(await store.listFlows(sid('AC'), all)).toStrictEqual([]);
      });

      it('updating a flow does not change its place in listFlows', async () => {
        const older = await seedFlow({ dateCreated: at(1), dateUpdated: at(1) });
        const newer = await seedFlow({ dateCreated: at(2), dateUpdated: at(2) });
        await store.updateFlow({ ...older.flow, testUsers: [CUSTOMER], dateUpdated: at(9) });
        await nextRevision(older.flow, 10);
        expect(sidsOf(await store.listFlows(ACCOUNT, all))).toStrictEqual([newer.flow.sid, older.flow.sid]);
      });

      it('deleteFlow removes the flow with its revisions, executions and steps, and nothing else', async () => {
        const doomed = await seedFlow({ dateCreated: at(1) });
        await nextRevision(doomed.flow, 2);
        const kept = await seedFlow({ dateCreated: at(3) });

        const active = executionRecord({ flowSid: doomed.flow.sid, dueAt: at(30), dateCreated: at(4) });
        const ended = executionRecord({ flowSid: doomed.flow.sid, status: 'ended', contactAddress: OTHER_CUSTOMER, dateCreated: at(5) });
        const survivor = executionRecord({ flowSid: kept.flow.sid, dueAt: at(40), dateCreated: at(6) });
        const activeSteps = steps(active, 0, 2);
        const endedSteps = steps(ended, 0, 3);
        const survivorSteps = steps(survivor, 0, 2);
        await store.commitSprint(active, activeSteps);
        await store.commitSprint(ended, endedSteps);
        await store.commitSprint(survivor, survivorSteps);

        expect(await store.deleteFlow(doomed.flow.sid)).toBe(true);

        expect(await store.getFlow(doomed.flow.sid)).toBeUndefined();
        expect(await store.getRevision(doomed.flow.sid, 1)).toBeUndefined();
        expect(await store.getRevision(doomed.flow.sid, 2)).toBeUndefined();
        expect(await store.listRevisions(doomed.flow.sid, all)).toStrictEqual([]);
        expect(await store.getExecution(active.sid)).toBeUndefined();
        expect(await store.getExecution(ended.sid)).toBeUndefined();
        expect(await store.listExecutions(doomed.flow.sid, {}, all)).toStrictEqual([]);
        expect(await store.findActiveExecution(doomed.flow.sid, CUSTOMER)).toBeUndefined();
        expect(await store.listSteps(active.sid, all)).toStrictEqual([]);
        expect(await store.listSteps(ended.sid, all)).toStrictEqual([]);
        for (const step of [...activeSteps, ...endedSteps]) expect(await store.getStep(step.executionSid, step.step.sid)).toBeUndefined();
        expect(sidsOf(await store.listDueExecutions(at(1000), 10))).toStrictEqual([survivor.sid]);

        expect(await store.listFlows(ACCOUNT, all)).toStrictEqual([kept.flow]);
        expect(await store.listRevisions(kept.flow.sid, all)).toStrictEqual([kept.revision]);
        expect(await store.getExecution(survivor.sid)).toStrictEqual(survivor);
        expect(await store.listSteps(survivor.sid, all)).toStrictEqual(survivorSteps);
      });

      it('deleteFlow returns false for an unknown or already deleted flow', async () => {
        const { flow } = await seedFlow();
        expect(await store.deleteFlow(sid('FW'))).toBe(false);
        expect(await store.deleteFlow(flow.sid)).toBe(true);
        expect(await store.deleteFlow(flow.sid)).toBe(false);
      });
    });

    describe('revisions', () => {
      it('getRevision of an unknown flow or revision number is undefined', async () => {
        const { flow } = await seedFlow();
        expect(await store.getRevision(flow.sid, 2)).toBeUndefined();
        expect(await store.getRevision(sid('FW'), 1)).toBeUndefined();
        expect(await store.listRevisions(sid('FW'), all)).toStrictEqual([]);
      });

      it('listRevisions lists a flow’s revisions newest first, with offset paging', async () => {
        const first = await seedFlow();
        const second = await nextRevision(first.flow, 1);
        const third = await nextRevision(second.flow, 2);
        const other = await seedFlow();

        expect(await store.listRevisions(first.flow.sid, all)).toStrictEqual([third.revision, second.revision, first.revision]);
        expect((await store.listRevisions(first.flow.sid, { offset: 0, limit: 2 })).map((r) => r.revision)).toStrictEqual([3, 2]);
        expect((await store.listRevisions(first.flow.sid, { offset: 1, limit: 1 })).map((r) => r.revision)).toStrictEqual([2]);
        expect((await store.listRevisions(first.flow.sid, { offset: 2, limit: 5 })).map((r) => r.revision)).toStrictEqual([1]);
        expect(await store.listRevisions(first.flow.sid, { offset: 3, limit: 5 })).toStrictEqual([]);
        expect(await store.listRevisions(other.flow.sid, all)).toStrictEqual([other.revision]);
      });
    });

    describe('executions', () => {
      it('getExecution of an unknown sid is undefined', async () => {
        expect(await store.getExecution(sid('FN'))).toBeUndefined();
        expect(await store.findActiveExecution(sid('FW'), CUSTOMER)).toBeUndefined();
      });

      it('concurrent call executions of one contact may be active together, beside its one exclusive execution', async () => {
        const flowSid = sid('FW');
        const firstCall = executionRecord({ flowSid, concurrentCall: true, dateCreated: at(0) });
        firstCall.state = { ...firstCall.state, callSid: sid('CA') };
        const secondCall = executionRecord({ flowSid, concurrentCall: true, dateCreated: at(1) });
        secondCall.state = { ...secondCall.state, callSid: sid('CA') };
        await store.commitSprint(firstCall, []);
        await store.commitSprint(secondCall, []);
        expect((await store.findActiveExecution(flowSid, CUSTOMER))?.sid).toBe(secondCall.sid);
        expect((await store.findActiveExecutionByCall(firstCall.state.callSid as string))?.sid).toBe(firstCall.sid);
        const exclusive = executionRecord({ flowSid, dateCreated: at(2) });
        await store.commitSprint(exclusive, []);
        expect((await store.findActiveExecution(flowSid, CUSTOMER))?.sid).toBe(exclusive.sid);
        await expect(store.commitSprint(executionRecord({ flowSid }), [])).rejects.toBeInstanceOf(StoreConflict);
        await store.commitSprint({ ...firstCall, status: 'ended' }, []);
        expect(await store.findActiveExecutionByCall(firstCall.state.callSid as string)).toBeUndefined();
      });

      it('commitSprint writes the execution and its steps, state and all, exactly', async () => {
        const execution = executionRecord({ dueAt: at(60) });
        const taken = steps(execution, 0, 3);
        await store.commitSprint(execution, taken);
        const stored = await store.getExecution(execution.sid);
        expect(stored).toStrictEqual(execution);
        expect(stored?.state).toStrictEqual(execution.state);
        for (const step of taken) expect(await store.getStep(execution.sid, step.step.sid)).toStrictEqual(step);
        expect(await store.listSteps(execution.sid, all)).toStrictEqual(taken);
      });

      it('commitSprint with no steps writes just the execution', async () => {
        const execution = executionRecord();
        await store.commitSprint(execution, []);
        expect(await store.getExecution(execution.sid)).toStrictEqual(execution);
        expect(await store.listSteps(execution.sid, all)).toStrictEqual([]);
      });

      it('commitSprint of an existing execution updates it in place and appends the new steps', async () => {
        const flowSid = sid('FW');
        const started = executionRecord({ flowSid, dueAt: at(60), dateCreated: at(1), dateUpdated: at(1) });
        const first = steps(started, 0, 2);
        await store.commitSprint(started, first);

        const ended = executionRecord({ ...started, state: undefined, status: 'ended', dueAt: null, dateUpdated: at(10) });
        const second = steps(ended, 2, 2);
        await store.commitSprint(ended, second);

        expect(await store.getExecution(started.sid)).toStrictEqual(ended);
        expect(await store.listExecutions(flowSid, {}, all)).toStrictEqual([ended]);
        expect(await store.listSteps(started.sid, all)).toStrictEqual([...first, ...second]);
        expect(await store.findActiveExecution(flowSid, CUSTOMER)).toBeUndefined();
        expect(await store.listDueExecutions(at(1000), 10)).toStrictEqual([]);
      });

      it('findActiveExecution finds the active execution for a flow and contact', async () => {
        const flowSid = sid('FW');
        const active = executionRecord({ flowSid, dateCreated: at(2) });
        const ended = executionRecord({ flowSid, status: 'ended', dateCreated: at(1) });
        await store.commitSprint(ended, []);
        await store.commitSprint(active, []);
        expect(await store.findActiveExecution(flowSid, CUSTOMER)).toStrictEqual(active);
        expect(await store.findActiveExecution(flowSid, OTHER_CUSTOMER)).toBeUndefined();
        expect(await store.findActiveExecution(sid('FW'), CUSTOMER)).toBeUndefined();
      });

      it('a second active execution for the same flow and contact is a StoreConflict and writes nothing of its sprint', async () => {
        const flowSid = sid('FW');
        const first = executionRecord({ flowSid, dateCreated: at(1) });
        const firstSteps = steps(first, 0, 1);
        await store.commitSprint(first, firstSteps);

        const second = executionRecord({ flowSid, dateCreated: at(2) });
        const secondSteps = steps(second, 0, 2);
        await expect(store.commitSprint(second, secondSteps)).rejects.toBeInstanceOf(StoreConflict);

        expect(await store.getExecution(second.sid)).toBeUndefined();
        expect(await store.listSteps(second.sid, all)).toStrictEqual([]);
        for (const step of secondSteps) expect(await store.getStep(second.sid, step.step.sid)).toBeUndefined();
        expect(await store.getExecution(first.sid)).toStrictEqual(first);
        expect(await store.listSteps(first.sid, all)).toStrictEqual(firstSteps);
        expect(await store.findActiveExecution(flowSid, CUSTOMER)).toStrictEqual(first);
        expect(await store.listExecutions(flowSid, {}, all)).toStrictEqual([first]);
      });

      it('ended executions do not conflict, nor do other flows or other contacts', async () => {
        const flowSid = sid('FW');
        const endedOne = executionRecord({ flowSid, status: 'ended', dateCreated: at(1) });
        const endedTwo = executionRecord({ flowSid, status: 'ended', dateCreated: at(2) });
        const active = executionRecord({ flowSid, dateCreated: at(3) });
        const otherContact = executionRecord({ flowSid, contactAddress: OTHER_CUSTOMER, dateCreated: at(4) });
        const otherFlow = executionRecord({ dateCreated: at(5) });
        for (const execution of [endedOne, endedTwo, active, otherContact, otherFlow]) await store.commitSprint(execution, []);

        expect(sidsOf(await store.listExecutions(flowSid, {}, all))).toStrictEqual([otherContact.sid, active.sid, endedTwo.sid, endedOne.sid]);
        expect(await store.findActiveExecution(flowSid, CUSTOMER)).toStrictEqual(active);
        expect(await store.findActiveExecution(otherFlow.flowSid, CUSTOMER)).toStrictEqual(otherFlow);

        // Once the active execution ends, the contact may start another.
        const activeEnded = executionRecord({ ...active, state: undefined, status: 'ended', dateUpdated: at(6) });
        await store.commitSprint(activeEnded, []);
        const restarted = executionRecord({ flowSid, dateCreated: at(7) });
        await store.commitSprint(restarted, []);
        expect(await store.findActiveExecution(flowSid, CUSTOMER)).toStrictEqual(restarted);
      });

      it('listExecutions lists a flow’s executions newest first, with offset paging', async () => {
        const flowSid = sid('FW');
        const oldest = executionRecord({ flowSid, contactAddress: phone(1), dateCreated: at(1) });
        const newest = executionRecord({ flowSid, contactAddress: phone(2), dateCreated: at(3) });
        const middle = executionRecord({ flowSid, contactAddress: phone(3), dateCreated: at(2) });
        const elsewhere = executionRecord({ contactAddress: phone(4), dateCreated: at(4) });
        for (const execution of [oldest, newest, middle, elsewhere]) await store.commitSprint(execution, []);

        expect(await store.listExecutions(flowSid, {}, all)).toStrictEqual([newest, middle, oldest]);
        expect(sidsOf(await store.listExecutions(flowSid, {}, { offset: 0, limit: 2 }))).toStrictEqual([newest.sid, middle.sid]);
        expect(sidsOf(await store.listExecutions(flowSid, {}, { offset: 1, limit: 1 }))).toStrictEqual([middle.sid]);
        expect(sidsOf(await store.listExecutions(flowSid, {}, { offset: 2, limit: 5 }))).toStrictEqual([oldest.sid]);
        expect(await store.listExecutions(flowSid, {}, { offset: 3, limit: 5 })).toStrictEqual([]);
        expect(sidsOf(await store.listExecutions(elsewhere.flowSid, {}, all))).toStrictEqual([elsewhere.sid]);
        expect(await store.listExecutions(sid('FW'), {}, all)).toStrictEqual([]);
      });

      it('listExecutions filters by status and by creation date (createdFrom and createdTo inclusive)', async () => {
        const flowSid = sid('FW');
        const one = executionRecord({ flowSid, contactAddress: phone(1), dateCreated: at(1) });
        const two = executionRecord({ flowSid, contactAddress: phone(2), status: 'ended', dateCreated: at(2) });
        const three = executionRecord({ flowSid, contactAddress: phone(3), dateCreated: at(3) });
        const four = executionRecord({ flowSid, contactAddress: phone(4), status: 'ended', dateCreated: at(4) });
        for (const execution of [one, two, three, four]) await store.commitSprint(execution, []);

        const list = async (filter: Parameters<Store['listExecutions']>[1], page = all) => sidsOf(await store.listExecutions(flowSid, filter, page));
        expect(await list({ status: 'active' })).toStrictEqual([three.sid, one.sid]);
        expect(await list({ status: 'ended' })).toStrictEqual([four.sid, two.sid]);
        expect(await list({ createdFrom: at(2) })).toStrictEqual([four.sid, three.sid, two.sid]);
        expect(await list({ createdTo: at(3) })).toStrictEqual([three.sid, two.sid, one.sid]);
        expect(await list({ createdFrom: at(2), createdTo: at(3) })).toStrictEqual([three.sid, two.sid]);
        expect(await list({ createdFrom: at(2), createdTo: at(2) })).toStrictEqual([two.sid]);
        expect(await list({ createdFrom: at(1.5), createdTo: at(3.5) })).toStrictEqual([three.sid, two.sid]);
        expect(await list({ status: 'active', createdFrom: at(2) })).toStrictEqual([three.sid]);
        expect(await list({ createdFrom: at(5) })).toStrictEqual([]);
        expect(await list({ createdFrom: at(1) }, { offset: 1, limit: 2 })).toStrictEqual([three.sid, two.sid]);
      });

      it('listDueExecutions returns active executions due at or before now, soonest first, up to limit', async () => {
        const flowSid = sid('FW');
        const later = executionRecord({ flowSid, contactAddress: phone(1), dueAt: at(10), dateCreated: at(1) });
        const soonest = executionRecord({ flowSid, contactAddress: phone(2), dueAt: at(5), dateCreated: at(2) });
        const future = executionRecord({ flowSid, contactAddress: phone(3), dueAt: at(20), dateCreated: at(3) });
        const ended = executionRecord({ flowSid, contactAddress: phone(4), status: 'ended', dueAt: at(1), dateCreated: at(4) });
        const waitingForNothing = executionRecord({ flowSid, contactAddress: phone(5), dueAt: null, dateCreated: at(5) });
        const dueNow = executionRecord({ contactAddress: phone(6), dueAt: at(15), dateCreated: at(0) });
        for (const execution of [later, soonest, future, ended, waitingForNothing, dueNow]) await store.commitSprint(execution, []);

        expect(await store.listDueExecutions(at(15), 10)).toStrictEqual([soonest, later, dueNow]);
        expect(sidsOf(await store.listDueExecutions(at(15), 2))).toStrictEqual([soonest.sid, later.sid]);
        expect(sidsOf(await store.listDueExecutions(at(15), 1))).toStrictEqual([soonest.sid]);
        expect(sidsOf(await store.listDueExecutions(at(14), 10))).toStrictEqual([soonest.sid, later.sid]);
        expect(sidsOf(await store.listDueExecutions(at(100), 10))).toStrictEqual([soonest.sid, later.sid, dueNow.sid, future.sid]);
        expect(await store.listDueExecutions(at(4), 10)).toStrictEqual([]);
      });

      it('deleteExecution removes the execution and its steps and returns whether it existed', async () => {
        const flowSid = sid('FW');
        const doomed = executionRecord({ flowSid, dateCreated: at(1) });
        const kept = executionRecord({ flowSid, contactAddress: OTHER_CUSTOMER, dateCreated: at(2) });
        const doomedSteps = steps(doomed, 0, 2);
        const keptSteps = steps(kept, 0, 2);
        await store.commitSprint(doomed, doomedSteps);
        await store.commitSprint(kept, keptSteps);

        expect(await store.deleteExecution(doomed.sid)).toBe(true);
        expect(await store.getExecution(doomed.sid)).toBeUndefined();
        expect(await store.listSteps(doomed.sid, all)).toStrictEqual([]);
        for (const step of doomedSteps) expect(await store.getStep(doomed.sid, step.step.sid)).toBeUndefined();
        expect(await store.findActiveExecution(flowSid, CUSTOMER)).toBeUndefined();
        expect(await store.listExecutions(flowSid, {}, all)).toStrictEqual([kept]);
        expect(await store.listSteps(kept.sid, all)).toStrictEqual(keptSteps);

        expect(await store.deleteExecution(doomed.sid)).toBe(false);
        expect(await store.deleteExecution(sid('FN'))).toBe(false);

        // The contact is free to start again.
        const again = executionRecord({ flowSid, dateCreated: at(3) });
        await store.commitSprint(again, []);
        expect(await store.findActiveExecution(flowSid, CUSTOMER)).toStrictEqual(again);
      });
    });

    describe('steps', () => {
      it('getStep of an unknown sid is undefined', async () => {
        expect(await store.getStep(sid('FN'), sid('FT'))).toBeUndefined();
        expect(await store.listSteps(sid('FN'), all)).toStrictEqual([]);
      });

      it('listSteps lists an execution’s steps in the order taken, across sprints, with offset paging', async () => {
        const execution = executionRecord({ dueAt: at(60) });
        const taken = steps(execution, 0, 5);
        await store.commitSprint(execution, taken.slice(0, 3));
        await store.commitSprint({ ...execution, dateUpdated: at(2) }, taken.slice(3));
        const other = executionRecord({ contactAddress: OTHER_CUSTOMER });
        await store.commitSprint(other, steps(other, 0, 2));

        expect(await store.listSteps(execution.sid, all)).toStrictEqual(taken);
        expect((await store.listSteps(execution.sid, { offset: 0, limit: 2 })).map((s) => s.index)).toStrictEqual([0, 1]);
        expect((await store.listSteps(execution.sid, { offset: 1, limit: 3 })).map((s) => s.index)).toStrictEqual([1, 2, 3]);
        expect((await store.listSteps(execution.sid, { offset: 4, limit: 3 })).map((s) => s.index)).toStrictEqual([4]);
        expect(await store.listSteps(execution.sid, { offset: 5, limit: 3 })).toStrictEqual([]);
      });
    });

    describe('numbers', () => {
      it('getNumber and findNumber of unknown numbers are undefined', async () => {
        expect(await store.getNumber(sid('PN'))).toBeUndefined();
        expect(await store.findNumber(FLOW_NUMBER)).toBeUndefined();
      });

      it('putNumber round-trips, found by sid and by phone number', async () => {
        const number = numberRecord({ voiceUrl: 'https://example.com/voice', voiceMethod: 'GET', smsFallbackUrl: 'https://example.com/fallback' });
        await store.putNumber(number);
        expect(await store.getNumber(number.sid)).toStrictEqual(number);
        expect(await store.findNumber(number.phoneNumber)).toStrictEqual(number);
        expect(await store.findNumber(phone(9999))).toBeUndefined();
      });

      it('putNumber of an existing sid replaces it, including a change of phone number', async () => {
        const number = numberRecord({ phoneNumber: phone(1) });
        await store.putNumber(number);
        const renamed = { ...number, friendlyName: 'Support line', smsUrl: null, dateUpdated: at(5) };
        await store.putNumber(renamed);
        expect(await store.getNumber(number.sid)).toStrictEqual(renamed);
        expect(await store.findNumber(phone(1))).toStrictEqual(renamed);

        const moved = { ...renamed, phoneNumber: phone(2), dateUpdated: at(6) };
        await store.putNumber(moved);
        expect(await store.findNumber(phone(1))).toBeUndefined();
        expect(await store.findNumber(phone(2))).toStrictEqual(moved);
        expect(await store.listNumbers(ACCOUNT, {}, all)).toStrictEqual([moved]);
      });

      it('putNumber with a phone number another number has is a StoreConflict and changes nothing', async () => {
        const owner = numberRecord({ phoneNumber: phone(1), dateCreated: at(1) });
        const bystander = numberRecord({ phoneNumber: phone(2), dateCreated: at(2) });
        await store.putNumber(owner);
        await store.putNumber(bystander);

        const intruder = numberRecord({ phoneNumber: phone(1), friendlyName: 'Intruder', dateCreated: at(3) });
        await expect(store.putNumber(intruder)).rejects.toBeInstanceOf(StoreConflict);
        await expect(store.putNumber({ ...bystander, phoneNumber: phone(1) })).rejects.toBeInstanceOf(StoreConflict);

        expect(await store.getNumber(intruder.sid)).toBeUndefined();
        expect(await store.getNumber(owner.sid)).toStrictEqual(owner);
        expect(await store.getNumber(bystander.sid)).toStrictEqual(bystander);
        expect(await store.findNumber(phone(1))).toStrictEqual(owner);
        expect(await store.findNumber(phone(2))).toStrictEqual(bystander);
        expect(await store.listNumbers(ACCOUNT, {}, all)).toStrictEqual([owner, bystander]);

        // Once released, the phone number can be bought again.
        expect(await store.deleteNumber(owner.sid)).toBe(true);
        await store.putNumber(intruder);
        expect(await store.findNumber(phone(1))).toStrictEqual(intruder);
      });

      it('a phone number is unique across accounts', async () => {
        const owner = numberRecord({ phoneNumber: phone(1) });
        await store.putNumber(owner);
        await expect(store.putNumber(numberRecord({ phoneNumber: phone(1), accountSid: OTHER_ACCOUNT }))).rejects.toBeInstanceOf(StoreConflict);
        expect(await store.findNumber(phone(1))).toStrictEqual(owner);
        expect(await store.listNumbers(OTHER_ACCOUNT, {}, all)).toStrictEqual([]);
      });

      it('listNumbers lists an account’s numbers oldest first, with offset paging', async () => {
        const middle = numberRecord({ phoneNumber: phone(1), dateCreated: at(2) });
        const oldest = numberRecord({ phoneNumber: phone(2), dateCreated: at(1) });
        const newest = numberRecord({ phoneNumber: phone(3), dateCreated: at(3) });
        const elsewhere = numberRecord({ phoneNumber: phone(4), accountSid: OTHER_ACCOUNT, dateCreated: at(0) });
        for (const number of [middle, oldest, newest, elsewhere]) await store.putNumber(number);

        expect(await store.listNumbers(ACCOUNT, {}, all)).toStrictEqual([oldest, middle, newest]);
        expect(sidsOf(await store.listNumbers(ACCOUNT, {}, { offset: 0, limit: 2 }))).toStrictEqual([oldest.sid, middle.sid]);
        expect(sidsOf(await store.listNumbers(ACCOUNT, {}, { offset: 1, limit: 1 }))).toStrictEqual([middle.sid]);
        expect(sidsOf(await store.listNumbers(ACCOUNT, {}, { offset: 2, limit: 5 }))).toStrictEqual([newest.sid]);
        expect(await store.listNumbers(ACCOUNT, {}, { offset: 3, limit: 5 })).toStrictEqual([]);
        expect(await store.listNumbers(OTHER_ACCOUNT, {}, all)).toStrictEqual([elsewhere]);
        expect(await store.listNumbers(sid('AC'), {}, all)).toStrictEqual([]);
      });

      it('listNumbers filters by phone number and by friendly name', async () => {
        const one = numberRecord({ phoneNumber: phone(1), friendlyName: 'Support line', dateCreated: at(1) });
        const two = numberRecord({ phoneNumber: phone(2), friendlyName: 'Sales line', dateCreated: at(2) });
        const three = numberRecord({ phoneNumber: phone(3), friendlyName: 'Support line', dateCreated: at(3) });
        const elsewhere = numberRecord({ phoneNumber: phone(4), accountSid: OTHER_ACCOUNT, friendlyName: 'Support line' });
        for (const number of [one, two, three, elsewhere]) await store.putNumber(number);

        const list = async (filter: { phoneNumber?: string; friendlyName?: string }, page = all) => sidsOf(await store.listNumbers(ACCOUNT, filter, page));
        expect(await list({ phoneNumber: phone(2) })).toStrictEqual([two.sid]);
        expect(await list({ phoneNumber: phone(4) })).toStrictEqual([]);
        expect(await list({ phoneNumber: phone(9) })).toStrictEqual([]);
        expect(await list({ friendlyName: 'Support line' })).toStrictEqual([one.sid, three.sid]);
        expect(await list({ friendlyName: 'Support line' }, { offset: 1, limit: 5 })).toStrictEqual([three.sid]);
        expect(await list({ friendlyName: 'Nobody' })).toStrictEqual([]);
        expect(await list({ friendlyName: 'Support line', phoneNumber: phone(3) })).toStrictEqual([three.sid]);
        expect(await list({ friendlyName: 'Sales line', phoneNumber: phone(3) })).toStrictEqual([]);
      });

      it('deleteNumber removes the number and returns whether it existed', async () => {
        const number = numberRecord();
        await store.putNumber(number);
        expect(await store.deleteNumber(number.sid)).toBe(true);
        expect(await store.getNumber(number.sid)).toBeUndefined();
        expect(await store.findNumber(number.phoneNumber)).toBeUndefined();
        expect(await store.listNumbers(ACCOUNT, {}, all)).toStrictEqual([]);
        expect(await store.deleteNumber(number.sid)).toBe(false);
        expect(await store.deleteNumber(sid('PN'))).toBe(false);
      });
    });

    describe('messages', () => {
      it('getMessage of an unknown sid is undefined and a new store lists no messages', async () => {
        expect(await store.getMessage(sid('SM'))).toBeUndefined();
        expect(await store.listMessages({}, all)).toStrictEqual([]);
      });

      it('putMessage round-trips', async () => {
        const inbound = messageRecord();
        const outbound = messageRecord({
          from: FLOW_NUMBER,
          to: CUSTOMER,
          direction: 'outbound-api',
          status: 'undelivered',
          mediaUrls: [],
          numSegments: 2,
          messagingServiceSid: sid('MG'),
          statusCallback: 'https://example.com/status',
          errorCode: 30003,
          errorMessage: 'Unreachable destination handset',
          dateSent: null,
        });
        await store.putMessage(inbound);
        await store.putMessage(outbound);
        expect(await store.getMessage(inbound.sid)).toStrictEqual(inbound);
        expect(await store.getMessage(outbound.sid)).toStrictEqual(outbound);
      });

      it('listMessages lists newest first, or oldest first, with offset paging', async () => {
        const first = messageRecord({ dateCreated: at(1), dateSent: at(1) });
        const second = messageRecord({ dateCreated: at(2), dateSent: at(2) });
        const third = messageRecord({ dateCreated: at(3), dateSent: at(3) });
        for (const message of [first, second, third]) await store.putMessage(message);

        expect(await store.listMessages({}, all)).toStrictEqual([third, second, first]);
        expect(await store.listMessages({}, all, false)).toStrictEqual([third, second, first]);
        expect(await store.listMessages({}, all, true)).toStrictEqual([first, second, third]);
        expect(sidsOf(await store.listMessages({}, { offset: 0, limit: 2 }))).toStrictEqual([third.sid, second.sid]);
        expect(sidsOf(await store.listMessages({}, { offset: 1, limit: 1 }))).toStrictEqual([second.sid]);
        expect(sidsOf(await store.listMessages({}, { offset: 1, limit: 1 }, true))).toStrictEqual([second.sid]);
        expect(sidsOf(await store.listMessages({}, { offset: 2, limit: 5 }, true))).toStrictEqual([third.sid]);
        expect(await store.listMessages({}, { offset: 3, limit: 5 })).toStrictEqual([]);
      });

      it('messages created in the same instant keep the order in which they were first written', async () => {
        const written = [messageRecord(), messageRecord(), messageRecord(), messageRecord()];
        for (const message of written) await store.putMessage(message);
        expect(sidsOf(await store.listMessages({}, all, true))).toStrictEqual(sidsOf(written));
        expect(sidsOf(await store.listMessages({}, all))).toStrictEqual(sidsOf(written).reverse());
      });

      it('updating a message keeps its place in the order', async () => {
        const first = messageRecord({ direction: 'outbound-api', status: 'queued', dateCreated: at(1), dateSent: null, dateUpdated: at(1) });
        const second = messageRecord({ dateCreated: at(2), dateSent: at(2) });
        const third = messageRecord({ dateCreated: at(3), dateSent: at(3) });
        for (const message of [first, second, third]) await store.putMessage(message);

        const delivered = { ...first, status: 'delivered', dateSent: at(4), dateUpdated: at(5) };
        await store.putMessage(delivered);

        expect(await store.getMessage(first.sid)).toStrictEqual(delivered);
        expect(await store.listMessages({}, all)).toStrictEqual([third, second, delivered]);
        expect(await store.listMessages({}, all, true)).toStrictEqual([delivered, second, third]);
      });

      describe('filters', () => {
        // A conversation on FLOW_NUMBER with two customers, and one message in another account.
        // dateSent is ten times dateCreated, so a filter on the wrong date finds different messages.
        let messages: MessageRecord[];
        const message = (n: number, from: string, to: string, accountSid = ACCOUNT) =>
          messageRecord({ from, to, accountSid, dateCreated: at(n), dateSent: at(n * 10), dateUpdated: at(n * 10) });

        beforeEach(async () => {
          messages = [
            message(1, CUSTOMER, FLOW_NUMBER),
            message(2, FLOW_NUMBER, CUSTOMER),
            message(3, OTHER_CUSTOMER, FLOW_NUMBER),
            message(4, FLOW_NUMBER, OTHER_CUSTOMER),
            message(5, CUSTOMER, phone(7), OTHER_ACCOUNT),
          ];
          for (const record of messages) await store.putMessage(record);
        });

        const expectListed = async (filter: Parameters<Store['listMessages']>[0], numbers: number[], page = all, oldestFirst?: boolean) => {
          expect(sidsOf(await store.listMessages(filter, page, oldestFirst))).toStrictEqual(numbers.map((n) => messages[n - 1].sid));
        };

        it('by to and by from', async () => {
          await expectListed({ to: FLOW_NUMBER }, [3, 1]);
          await expectListed({ from: FLOW_NUMBER }, [4, 2]);
          await expectListed({ to: CUSTOMER }, [2]);
          await expectListed({ from: CUSTOMER, to: FLOW_NUMBER }, [1]);
          await expectListed({ from: CUSTOMER, to: OTHER_CUSTOMER }, []);
          await expectListed({ to: FLOW_NUMBER }, [1, 3], all, true);
        });

        it('by address, matching either to or from', async () => {
          await expectListed({ address: CUSTOMER }, [5, 2, 1]);
          await expectListed({ address: OTHER_CUSTOMER }, [4, 3]);
          await expectListed({ address: OTHER_CUSTOMER }, [3, 4], all, true);
          await expectListed({ address: FLOW_NUMBER }, [4, 3, 2, 1]);
          await expectListed({ address: FLOW_NUMBER }, [3, 2], { offset: 1, limit: 2 });
          await expectListed({ address: '+15005550000' }, []);
        });

        it('by account', async () => {
          await expectListed({ accountSid: ACCOUNT }, [4, 3, 2, 1]);
          await expectListed({ accountSid: OTHER_ACCOUNT }, [5]);
          await expectListed({ accountSid: OTHER_ACCOUNT, address: CUSTOMER }, [5]);
          await expectListed({ accountSid: ACCOUNT, address: CUSTOMER }, [2, 1]);
          await expectListed({ accountSid: sid('AC') }, []);
        });

        it('by date sent: sentAfter inclusive, sentBefore exclusive', async () => {
          await expectListed({ sentAfter: at(20) }, [5, 4, 3, 2]);
          await expectListed({ sentAfter: at(21) }, [5, 4, 3]);
          await expectListed({ sentBefore: at(30) }, [2, 1]);
          await expectListed({ sentBefore: at(31) }, [3, 2, 1]);
          await expectListed({ sentAfter: at(20), sentBefore: at(40) }, [3, 2]);
          await expectListed({ sentAfter: at(20), sentBefore: at(40) }, [2, 3], all, true);
          await expectListed({ sentAfter: at(20), sentBefore: at(40), address: OTHER_CUSTOMER }, [3]);
          await expectListed({ sentAfter: at(60) }, []);
          await expectListed({ sentBefore: at(10) }, []);
        });

        it('by status, any of several', async () => {
          await store.putMessage({ ...messages[1], status: 'queued' });
          await store.putMessage({ ...messages[3], status: 'sent' });
          await expectListed({ statuses: ['queued', 'sent'] }, [4, 2]);
          await expectListed({ statuses: ['sent'] }, [4]);
          await expectListed({ statuses: ['queued'], address: OTHER_CUSTOMER }, []);
          await expectListed({ statuses: [] }, []);
        });
      });

      it('deleteMessage removes the message and returns whether it existed', async () => {
        const kept = messageRecord({ dateCreated: at(1) });
        const doomed = messageRecord({ dateCreated: at(2) });
        await store.putMessage(kept);
        await store.putMessage(doomed);
        expect(await store.deleteMessage(doomed.sid)).toBe(true);
        expect(await store.getMessage(doomed.sid)).toBeUndefined();
        expect(await store.listMessages({}, all)).toStrictEqual([kept]);
        expect(await store.deleteMessage(doomed.sid)).toBe(false);
        expect(await store.deleteMessage(sid('SM'))).toBe(false);

        // A message written after a deletion is still the newest.
        const next = messageRecord({ dateCreated: at(3) });
        await store.putMessage(next);
        expect(sidsOf(await store.listMessages({}, all))).toStrictEqual([next.sid, kept.sid]);
      });
    });

    describe('applications', () => {
      const application = (minutes: number, friendlyName: string, accountSid = ACCOUNT): ApplicationRecord => ({
        sid: sid('AP'), accountSid, friendlyName, voiceUrl: 'https://example.com/voice', voiceMethod: 'POST',
        voiceFallbackUrl: null, voiceFallbackMethod: 'POST', statusCallback: null, statusCallbackMethod: 'POST',
        smsUrl: null, smsMethod: 'POST', smsFallbackUrl: null, smsFallbackMethod: 'POST', smsStatusCallback: null,
        messageStatusCallback: null, dateCreated: at(minutes), dateUpdated: at(minutes),
      });

      it('round-trips, lists oldest first by account and name with paging, updates in place and deletes', async () => {
        const later = application(2, 'phone');
        const earlier = application(1, 'desk');
        const elsewhere = application(3, 'phone', OTHER_ACCOUNT);
        for (const record of [later, earlier, elsewhere]) await store.putApplication(record);
        expect(await store.getApplication(later.sid)).toStrictEqual(later);
        expect(await store.listApplications(ACCOUNT, {}, all)).toStrictEqual([earlier, later]);
        expect(await store.listApplications(ACCOUNT, { friendlyName: 'phone' }, all)).toStrictEqual([later]);
        expect(await store.listApplications(ACCOUNT, {}, { offset: 1, limit: 5 })).toStrictEqual([later]);
        const moved = { ...earlier, voiceUrl: null, dateUpdated: at(9) };
        await store.putApplication(moved);
        expect(await store.listApplications(ACCOUNT, {}, all)).toStrictEqual([moved, later]);
        expect(await store.deleteApplication(later.sid)).toBe(true);
        expect(await store.deleteApplication(later.sid)).toBe(false);
        expect(await store.getApplication(later.sid)).toBeUndefined();
        expect(await store.listApplications(OTHER_ACCOUNT, {}, all)).toStrictEqual([elsewhere]);
      });
    });

    describe('TwiML Bins', () => {
      const bin = (minutes: number, accountSid = ACCOUNT): TwimlBinRecord => ({
        sid: sid('EH'), accountSid, friendlyName: `bin ${minutes}`, twiml: '<Response><Say>{{From}}</Say></Response>',
        dateCreated: at(minutes), dateUpdated: at(minutes),
      });

      it('round-trips, updates in place, lists oldest first per account with paging, and deletes', async () => {
        const first = bin(2);
        const second = bin(1);
        const elsewhere = bin(3, OTHER_ACCOUNT);
        for (const record of [first, second, elsewhere]) await store.putBin(record);
        expect(await store.getBin(first.sid)).toStrictEqual(first);
        expect(await store.listBins(ACCOUNT, all)).toStrictEqual([second, first]);
        expect(await store.listBins(ACCOUNT, { offset: 1, limit: 1 })).toStrictEqual([first]);
        const renamed = { ...first, friendlyName: 'renamed', dateUpdated: at(9) };
        await store.putBin(renamed);
        expect(await store.listBins(ACCOUNT, all)).toStrictEqual([second, renamed]);
        expect(await store.deleteBin(second.sid)).toBe(true);
        expect(await store.deleteBin(second.sid)).toBe(false);
        expect(await store.getBin(second.sid)).toBeUndefined();
        expect(await store.listBins(OTHER_ACCOUNT, all)).toStrictEqual([elsewhere]);
      });
    });

    describe('calls', () => {
      it('getCall of an unknown sid is undefined, deleteCall of it is false, and a new store lists no calls', async () => {
        expect(await store.getCall(sid('CA'))).toBeUndefined();
        expect(await store.deleteCall(sid('CA'))).toBe(false);
        expect(await store.listCalls({}, all)).toStrictEqual([]);
      });

      it('filters find a call by its latest fields once it is updated', async () => {
        const call = callRecord({ to: '+15550009001' });
        await store.putCall(call);
        await store.putCall({ ...call, to: '+15550009002' });
        expect((await store.listCalls({ to: '+15550009002' }, all)).map((found) => found.sid)).toEqual([call.sid]);
        expect(await store.listCalls({ to: '+15550009001' }, all)).toEqual([]);
      });

      it('putCall round-trips', async () => {
        const parent = callRecord();
        const child = callRecord({
          parentCallSid: parent.sid,
          from: FLOW_NUMBER,
          to: 'client:alice',
          direction: 'outbound-dial',
          status: 'in-progress',
          phoneNumberSid: null,
          answeredBy: 'machine_start',
          endTime: null,
          duration: null,
        });
        const unanswered = callRecord({ status: 'no-answer', startTime: null, endTime: null, duration: null, direction: 'outbound-api' });
        for (const call of [parent, child, unanswered]) await store.putCall(call);
        expect(await store.getCall(parent.sid)).toStrictEqual(parent);
        expect(await store.getCall(child.sid)).toStrictEqual(child);
        expect(await store.getCall(unanswered.sid)).toStrictEqual(unanswered);
      });

      it('listCalls lists newest first, with offset paging', async () => {
        const first = callRecord({ dateCreated: at(1) });
        const second = callRecord({ dateCreated: at(2) });
        const third = callRecord({ dateCreated: at(3) });
        for (const call of [first, second, third]) await store.putCall(call);

        expect(await store.listCalls({}, all)).toStrictEqual([third, second, first]);
        expect(sidsOf(await store.listCalls({}, { offset: 0, limit: 2 }))).toStrictEqual([third.sid, second.sid]);
        expect(sidsOf(await store.listCalls({}, { offset: 1, limit: 1 }))).toStrictEqual([second.sid]);
        expect(sidsOf(await store.listCalls({}, { offset: 2, limit: 5 }))).toStrictEqual([first.sid]);
        expect(await store.listCalls({}, { offset: 3, limit: 5 })).toStrictEqual([]);
        expect(await store.listCalls({}, { offset: 0, limit: 0 })).toStrictEqual([]);
      });

      it('calls created in the same instant keep the order in which they were first written', async () => {
        const written = [callRecord(), callRecord(), callRecord(), callRecord()];
        for (const call of written) await store.putCall(call);
        expect(sidsOf(await store.listCalls({}, all))).toStrictEqual(sidsOf(written).reverse());
      });

      it('updating a call (its status) keeps its place in the order', async () => {
        const first = callRecord({ status: 'ringing', dateCreated: at(1), dateUpdated: at(1), startTime: at(1), endTime: null, duration: null });
        const second = callRecord({ dateCreated: at(2) });
        const third = callRecord({ dateCreated: at(3) });
        for (const call of [first, second, third]) await store.putCall(call);

        const answered = { ...first, status: 'in-progress' as const, answeredBy: 'human', dateUpdated: at(4) };
        await store.putCall(answered);
        expect(await store.listCalls({}, all)).toStrictEqual([third, second, answered]);
        const completed = { ...answered, status: 'completed' as const, dateUpdated: at(5), endTime: at(5), duration: 240 };
        await store.putCall(completed);

        expect(await store.getCall(first.sid)).toStrictEqual(completed);
        expect(await store.listCalls({}, all)).toStrictEqual([third, second, completed]);
        expect(sidsOf(await store.listCalls({}, { offset: 2, limit: 1 }))).toStrictEqual([first.sid]);

        // A call written after the updates is still the newest.
        const fourth = callRecord({ dateCreated: at(6) });
        await store.putCall(fourth);
        expect(sidsOf(await store.listCalls({}, all))).toStrictEqual([fourth.sid, third.sid, second.sid, first.sid]);
      });

      describe('filters', () => {
        // A call to the flow number that dials two legs, a call still in progress, and one in another
        // account. Start and end times differ from dateCreated, so a filter on the wrong date finds
        // other calls; the unanswered leg has neither.
        let calls: CallRecord[];

        beforeEach(async () => {
          const parent = callRecord({ dateCreated: at(1), startTime: at(1), endTime: at(11) });
          calls = [
            parent,
            callRecord({
              parentCallSid: parent.sid, from: FLOW_NUMBER, to: OTHER_CUSTOMER, direction: 'outbound-dial',
              dateCreated: at(2), startTime: at(2), endTime: at(12),
            }),
            callRecord({
              parentCallSid: parent.sid, from: FLOW_NUMBER, to: phone(3), direction: 'outbound-dial', status: 'no-answer',
              dateCreated: at(3), startTime: null, endTime: null, duration: null,
            }),
            callRecord({ from: OTHER_CUSTOMER, status: 'in-progress', dateCreated: at(4), startTime: at(4), endTime: null, duration: null }),
            callRecord({ accountSid: OTHER_ACCOUNT, dateCreated: at(5), startTime: at(5), endTime: at(15) }),
          ];
          for (const call of calls) await store.putCall(call);
        });

        const expectListed = async (filter: CallFilter, numbers: number[], page = all) => {
          expect(sidsOf(await store.listCalls(filter, page))).toStrictEqual(numbers.map((n) => calls[n - 1].sid));
        };

        it('none: every call, newest first', async () => {
          await expectListed({}, [5, 4, 3, 2, 1]);
          expect(await store.listCalls({}, all)).toStrictEqual([...calls].reverse());
        });

        it('by to', async () => {
          await expectListed({ to: FLOW_NUMBER }, [5, 4, 1]);
          await expectListed({ to: OTHER_CUSTOMER }, [2]);
          await expectListed({ to: phone(3) }, [3]);
          await expectListed({ to: CUSTOMER }, []);
        });

        it('by from', async () => {
          await expectListed({ from: FLOW_NUMBER }, [3, 2]);
          await expectListed({ from: CUSTOMER }, [5, 1]);
          await expectListed({ from: OTHER_CUSTOMER }, [4]);
          await expectListed({ from: phone(3) }, []);
        });

        it('by parent call', async () => {
          await expectListed({ parentCallSid: calls[0].sid }, [3, 2]);
          await expectListed({ parentCallSid: calls[1].sid }, []);
          await expectListed({ parentCallSid: sid('CA') }, []);
        });

        it('by status', async () => {
          await expectListed({ status: 'completed' }, [5, 2, 1]);
          await expectListed({ status: 'no-answer' }, [3]);
          await expectListed({ status: 'in-progress' }, [4]);
          await expectListed({ status: 'queued' }, []);
        });

        it('by account', async () => {
          await expectListed({ accountSid: ACCOUNT }, [4, 3, 2, 1]);
          await expectListed({ accountSid: OTHER_ACCOUNT }, [5]);
          await expectListed({ accountSid: sid('AC') }, []);
        });

        it('by start time: startedAfter inclusive, startedBefore exclusive; a call not started matches neither', async () => {
          await expectListed({ startedAfter: at(2) }, [5, 4, 2]);
          await expectListed({ startedAfter: at(2.5) }, [5, 4]);
          await expectListed({ startedAfter: at(0) }, [5, 4, 2, 1]);
          await expectListed({ startedBefore: at(4) }, [2, 1]);
          await expectListed({ startedBefore: at(4.5) }, [4, 2, 1]);
          await expectListed({ startedBefore: at(1) }, []);
          await expectListed({ startedAfter: at(2), startedBefore: at(5) }, [4, 2]);
          await expectListed({ startedAfter: at(2), startedBefore: at(2) }, []);
          await expectListed({ startedAfter: at(6) }, []);
        });

        it('by end time: endedAfter inclusive, endedBefore exclusive; a call not ended matches neither', async () => {
          await expectListed({ endedAfter: at(12) }, [5, 2]);
          await expectListed({ endedAfter: at(12.5) }, [5]);
          await expectListed({ endedAfter: at(0) }, [5, 2, 1]);
          await expectListed({ endedBefore: at(12) }, [1]);
          await expectListed({ endedBefore: at(12.5) }, [2, 1]);
          await expectListed({ endedBefore: at(11) }, []);
          await expectListed({ endedAfter: at(11), endedBefore: at(15) }, [2, 1]);
          await expectListed({ endedAfter: at(16) }, []);
          // End times, not start times: every call started before 11.
          await expectListed({ endedAfter: at(5) }, [5, 2, 1]);
        });

        it('combined', async () => {
          await expectListed({ to: FLOW_NUMBER, status: 'completed' }, [5, 1]);
          await expectListed({ to: FLOW_NUMBER, accountSid: ACCOUNT }, [4, 1]);
          await expectListed({ from: CUSTOMER, accountSid: ACCOUNT }, [1]);
          await expectListed({ from: CUSTOMER, to: FLOW_NUMBER, accountSid: OTHER_ACCOUNT }, [5]);
          await expectListed({ from: CUSTOMER, to: OTHER_CUSTOMER }, []);
          await expectListed({ parentCallSid: calls[0].sid, status: 'completed' }, [2]);
          await expectListed({ parentCallSid: calls[0].sid, from: FLOW_NUMBER, to: phone(3), status: 'no-answer', accountSid: ACCOUNT }, [3]);
          await expectListed({ parentCallSid: calls[0].sid, accountSid: OTHER_ACCOUNT }, []);
          await expectListed({ accountSid: ACCOUNT, startedAfter: at(1), endedBefore: at(15) }, [2, 1]);
          await expectListed({ startedAfter: at(2), endedAfter: at(12) }, [5, 2]);
          await expectListed({ startedBefore: at(5), endedAfter: at(11), endedBefore: at(12) }, [1]);
          await expectListed({ status: 'completed', startedAfter: at(2), startedBefore: at(5), to: OTHER_CUSTOMER }, [2]);
          await expectListed({ status: 'in-progress', endedAfter: at(0) }, []);
        });

        it('with offset paging', async () => {
          await expectListed({ accountSid: ACCOUNT }, [3, 2], { offset: 1, limit: 2 });
          await expectListed({ status: 'completed' }, [2, 1], { offset: 1, limit: 5 });
          await expectListed({ to: FLOW_NUMBER }, [5], { offset: 0, limit: 1 });
          await expectListed({ to: FLOW_NUMBER }, [], { offset: 3, limit: 5 });
        });

        it('see a call as last written, in its first place', async () => {
          const ended = { ...calls[3], status: 'completed' as const, endTime: at(14), duration: 600, dateUpdated: at(14) };
          await store.putCall(ended);
          await expectListed({ status: 'completed' }, [5, 4, 2, 1]);
          await expectListed({ status: 'in-progress' }, []);
          await expectListed({ endedAfter: at(13) }, [5, 4]);
          await expectListed({ endedBefore: at(14.5) }, [4, 2, 1]);

          const answered = { ...calls[2], status: 'in-progress' as const, startTime: at(3), dateUpdated: at(3) };
          await store.putCall(answered);
          await expectListed({ startedAfter: at(3), startedBefore: at(4) }, [3]);
          await expectListed({ status: 'no-answer' }, []);
          await expectListed({ accountSid: ACCOUNT }, [4, 3, 2, 1]);
          expect(await store.listCalls({ parentCallSid: calls[0].sid }, all)).toStrictEqual([answered, calls[1]]);
        });
      });

      it('deleteCall removes the call with its events, returns whether it existed, and leaves other calls alone', async () => {
        const kept = callRecord({ dateCreated: at(1) });
        const doomed = callRecord({ dateCreated: at(2) });
        await store.putCall(kept);
        await store.putCall(doomed);
        const keptEvents = [callEvent('say', 1), callEvent('hangup', 2)];
        await store.appendCallEvents(kept.sid, keptEvents);
        await store.appendCallEvents(doomed.sid, [callEvent('play', 3), callEvent('pause', 4)]);

        expect(await store.deleteCall(doomed.sid)).toBe(true);
        expect(await store.getCall(doomed.sid)).toBeUndefined();
        expect(await store.listCallEvents(doomed.sid)).toStrictEqual([]);
        expect(await store.listCalls({}, all)).toStrictEqual([kept]);
        expect(await store.getCall(kept.sid)).toStrictEqual(kept);
        expect(await store.listCallEvents(kept.sid)).toStrictEqual(keptEvents);
        expect(await store.deleteCall(doomed.sid)).toBe(false);
        expect(await store.deleteCall(sid('CA'))).toBe(false);

        // A call written after a deletion is still the newest.
        const next = callRecord({ dateCreated: at(3) });
        await store.putCall(next);
        expect(sidsOf(await store.listCalls({}, all))).toStrictEqual([next.sid, kept.sid]);
      });
    });

    describe('call events', () => {
      it('listCallEvents of an unknown call, or of a call with none, is empty', async () => {
        expect(await store.listCallEvents(sid('CA'))).toStrictEqual([]);
        const call = callRecord();
        await store.putCall(call);
        expect(await store.listCallEvents(call.sid)).toStrictEqual([]);
        await store.appendCallEvents(call.sid, []);
        expect(await store.listCallEvents(call.sid)).toStrictEqual([]);
      });

      it('keeps events in the order appended, across several appends, exactly', async () => {
        const call = callRecord();
        await store.putCall(call);
        const events = [
          callEvent('ringing', 0),
          callEvent('answered', 0, { answeredBy: 'human' }),
          callEvent('say', 0.5),
          callEvent('gather', 1, { digits: '1#', partial: [] }),
          callEvent('dial', 1, { to: ['client:alice', CUSTOMER], result: { status: 'no-answer', seconds: 30.5 } }),
          callEvent('hangup', 2, { text: '' }),
        ];
        await store.appendCallEvents(call.sid, events.slice(0, 2));
        expect(await store.listCallEvents(call.sid)).toStrictEqual(events.slice(0, 2));
        await store.appendCallEvents(call.sid, events.slice(2, 3));
        await store.appendCallEvents(call.sid, []);
        await store.appendCallEvents(call.sid, events.slice(3));
        expect(await store.listCallEvents(call.sid)).toStrictEqual(events);
      });

      it('events of the same type and time keep their order', async () => {
        const call = callRecord();
        await store.putCall(call);
        const events = Array.from({ length: 12 }, (_, n) => callEvent('dtmf', 1, { digits: String(n % 10), n }));
        for (const event of events.slice(0, 5)) await store.appendCallEvents(call.sid, [event]);
        await store.appendCallEvents(call.sid, events.slice(5));
        expect(await store.listCallEvents(call.sid)).toStrictEqual(events);
      });

      it('the events of two calls do not mix', async () => {
        const parent = callRecord();
        const child = callRecord({ parentCallSid: parent.sid, from: FLOW_NUMBER, to: OTHER_CUSTOMER, direction: 'outbound-dial' });
        await store.putCall(parent);
        await store.putCall(child);
        const parentEvents = [callEvent('say', 1), callEvent('dial', 2), callEvent('hangup', 9)];
        const childEvents = [callEvent('ringing', 2), callEvent('answered', 3), callEvent('hangup', 8)];
        // Interleaved, as a dial writes them.
        await store.appendCallEvents(parent.sid, parentEvents.slice(0, 2));
        await store.appendCallEvents(child.sid, childEvents.slice(0, 1));
        await store.appendCallEvents(child.sid, childEvents.slice(1));
        await store.appendCallEvents(parent.sid, parentEvents.slice(2));
        expect(await store.listCallEvents(parent.sid)).toStrictEqual(parentEvents);
        expect(await store.listCallEvents(child.sid)).toStrictEqual(childEvents);
      });

      it('deleting a call deletes its events and only its events', async () => {
        const doomed = callRecord();
        const kept = callRecord();
        await store.putCall(doomed);
        await store.putCall(kept);
        const keptEvents = [callEvent('say', 1), callEvent('record', 2)];
        await store.appendCallEvents(doomed.sid, [callEvent('say', 1)]);
        await store.appendCallEvents(kept.sid, keptEvents.slice(0, 1));
        await store.appendCallEvents(doomed.sid, [callEvent('hangup', 2)]);
        await store.appendCallEvents(kept.sid, keptEvents.slice(1));

        expect(await store.deleteCall(doomed.sid)).toBe(true);
        expect(await store.listCallEvents(doomed.sid)).toStrictEqual([]);
        expect(await store.listCallEvents(kept.sid)).toStrictEqual(keptEvents);

        // Later events still come last, and updating a call keeps its events.
        const later = callEvent('hangup', 3);
        await store.appendCallEvents(kept.sid, [later]);
        const completed = { ...kept, status: 'completed' as const, dateUpdated: at(3) };
        await store.putCall(completed);
        expect(await store.listCallEvents(kept.sid)).toStrictEqual([...keptEvents, later]);
      });

      if (reopen) {
        it('appends after a reopen come after the events written before it', async () => {
          const call = callRecord();
          await store.putCall(call);
          const events = [callEvent('say', 1), callEvent('gather', 2), callEvent('say', 3), callEvent('hangup', 4)];
          await store.appendCallEvents(call.sid, events.slice(0, 2));

          store = await reopen(store);

          expect(await store.listCallEvents(call.sid)).toStrictEqual(events.slice(0, 2));
          await store.appendCallEvents(call.sid, events.slice(2, 3));
          await store.appendCallEvents(call.sid, events.slice(3));
          expect(await store.listCallEvents(call.sid)).toStrictEqual(events);
        });
      }
    });

    describe('recordings', () => {
      it('getRecording of an unknown sid is undefined, deleteRecording of it is false, and a new store lists none', async () => {
        expect(await store.getRecording(sid('RE'))).toBeUndefined();
        expect(await store.deleteRecording(sid('RE'))).toBe(false);
        expect(await store.listRecordings({ accountSid: ACCOUNT }, all)).toStrictEqual([]);
      });

      it('putRecording round-trips', async () => {
        const recorded = recordingRecord();
        const dialed = recordingRecord({ status: 'in-progress', source: 'DialVerb', duration: 0, audio: '' });
        const absent = recordingRecord({ status: 'absent', source: 'OutboundAPI', accountSid: OTHER_ACCOUNT });
        for (const recording of [recorded, dialed, absent]) await store.putRecording(recording);
        expect(await store.getRecording(recorded.sid)).toStrictEqual(recorded);
        expect(await store.getRecording(dialed.sid)).toStrictEqual(dialed);
        expect(await store.getRecording(absent.sid)).toStrictEqual(absent);
      });

      it('listRecordings lists an account’s recordings newest first by date created, with offset paging', async () => {
        const middle = recordingRecord({ dateCreated: at(2) });
        const newest = recordingRecord({ dateCreated: at(3) });
        const oldest = recordingRecord({ dateCreated: at(1) });
        const elsewhere = recordingRecord({ accountSid: OTHER_ACCOUNT, dateCreated: at(4) });
        for (const recording of [middle, newest, oldest, elsewhere]) await store.putRecording(recording);

        expect(await store.listRecordings({ accountSid: ACCOUNT }, all)).toStrictEqual([newest, middle, oldest]);
        expect(sidsOf(await store.listRecordings({ accountSid: ACCOUNT }, { offset: 0, limit: 2 }))).toStrictEqual([newest.sid, middle.sid]);
        expect(sidsOf(await store.listRecordings({ accountSid: ACCOUNT }, { offset: 1, limit: 1 }))).toStrictEqual([middle.sid]);
        expect(sidsOf(await store.listRecordings({ accountSid: ACCOUNT }, { offset: 2, limit: 5 }))).toStrictEqual([oldest.sid]);
        expect(await store.listRecordings({ accountSid: ACCOUNT }, { offset: 3, limit: 5 })).toStrictEqual([]);
        expect(await store.listRecordings({ accountSid: OTHER_ACCOUNT }, all)).toStrictEqual([elsewhere]);
        expect(await store.listRecordings({ accountSid: sid('AC') }, all)).toStrictEqual([]);
      });

      it('listRecordings filters by call and by date created (createdAfter inclusive, createdBefore exclusive)', async () => {
        const callSid = sid('CA');
        const otherCallSid = sid('CA');
        // startTime is ten times dateCreated, so a filter on the wrong date finds other recordings.
        const recording = (n: number, call: string, accountSid = ACCOUNT) =>
          recordingRecord({ callSid: call, accountSid, dateCreated: at(n), startTime: at(n * 10), dateUpdated: at(n * 10) });
        const recordings = [recording(1, callSid), recording(2, otherCallSid), recording(3, callSid), recording(4, otherCallSid), recording(5, callSid, OTHER_ACCOUNT)];
        for (const record of recordings) await store.putRecording(record);

        const expectListed = async (filter: Omit<RecordingFilter, 'accountSid'>, numbers: number[], page = all, accountSid = ACCOUNT) => {
          expect(sidsOf(await store.listRecordings({ accountSid, ...filter }, page))).toStrictEqual(numbers.map((n) => recordings[n - 1].sid));
        };
        await expectListed({}, [4, 3, 2, 1]);
        await expectListed({ callSid }, [3, 1]);
        await expectListed({ callSid: otherCallSid }, [4, 2]);
        await expectListed({ callSid: sid('CA') }, []);
        await expectListed({ createdAfter: at(2) }, [4, 3, 2]);
        await expectListed({ createdAfter: at(2.5) }, [4, 3]);
        await expectListed({ createdBefore: at(3) }, [2, 1]);
        await expectListed({ createdBefore: at(3.5) }, [3, 2, 1]);
        await expectListed({ createdAfter: at(2), createdBefore: at(4) }, [3, 2]);
        await expectListed({ createdAfter: at(2), createdBefore: at(2) }, []);
        await expectListed({ createdAfter: at(5) }, []);
        await expectListed({ createdBefore: at(1) }, []);
        await expectListed({ callSid, createdAfter: at(2) }, [3]);
        await expectListed({ callSid: otherCallSid, createdAfter: at(1), createdBefore: at(4) }, [2]);
        await expectListed({ createdAfter: at(1) }, [3, 2], { offset: 1, limit: 2 });
        // Accounts do not mix, even for the same call.
        await expectListed({ callSid }, [5], all, OTHER_ACCOUNT);
        await expectListed({ callSid: otherCallSid }, [], all, OTHER_ACCOUNT);
        await expectListed({ createdAfter: at(5) }, [5], all, OTHER_ACCOUNT);
      });

      it('putRecording of an existing sid updates it in place', async () => {
        const older = recordingRecord({ status: 'in-progress', duration: 0, dateCreated: at(1), dateUpdated: at(1) });
        const newer = recordingRecord({ dateCreated: at(2) });
        await store.putRecording(older);
        await store.putRecording(newer);
        const completed = { ...older, status: 'completed' as const, duration: 12, audio: 'done', dateUpdated: at(9) };
        await store.putRecording(completed);
        expect(await store.getRecording(older.sid)).toStrictEqual(completed);
        expect(await store.listRecordings({ accountSid: ACCOUNT }, all)).toStrictEqual([newer, completed]);
      });

      it('deleteRecording removes the recording and returns whether it existed', async () => {
        const kept = recordingRecord({ dateCreated: at(1) });
        const doomed = recordingRecord({ callSid: kept.callSid, dateCreated: at(2) });
        await store.putRecording(kept);
        await store.putRecording(doomed);
        expect(await store.deleteRecording(doomed.sid)).toBe(true);
        expect(await store.getRecording(doomed.sid)).toBeUndefined();
        expect(await store.listRecordings({ accountSid: ACCOUNT }, all)).toStrictEqual([kept]);
        expect(await store.listRecordings({ accountSid: ACCOUNT, callSid: kept.callSid }, all)).toStrictEqual([kept]);
        expect(await store.deleteRecording(doomed.sid)).toBe(false);
        expect(await store.getRecording(kept.sid)).toStrictEqual(kept);
      });
    });

    describe('API keys', () => {
      it('getApiKey of an unknown sid is undefined, deleteApiKey of it is false, and a new store lists none', async () => {
        expect(await store.getApiKey(sid('SK'))).toBeUndefined();
        expect(await store.deleteApiKey(sid('SK'))).toBe(false);
        expect(await store.listApiKeys(ACCOUNT, all)).toStrictEqual([]);
      });

      it('putApiKey round-trips', async () => {
        const key = apiKeyRecord({ friendlyName: 'Déploiement — "prod" 🔑' });
        const blank = apiKeyRecord({ friendlyName: '', accountSid: OTHER_ACCOUNT });
        await store.putApiKey(key);
        await store.putApiKey(blank);
        expect(await store.getApiKey(key.sid)).toStrictEqual(key);
        expect(await store.getApiKey(blank.sid)).toStrictEqual(blank);
      });

      it('listApiKeys lists an account’s keys oldest first, with offset paging', async () => {
        const middle = apiKeyRecord({ dateCreated: at(2), dateUpdated: at(2) });
        const oldest = apiKeyRecord({ dateCreated: at(1), dateUpdated: at(1) });
        const newest = apiKeyRecord({ dateCreated: at(3), dateUpdated: at(3) });
        const elsewhere = apiKeyRecord({ accountSid: OTHER_ACCOUNT, dateCreated: at(0) });
        for (const key of [middle, oldest, newest, elsewhere]) await store.putApiKey(key);

        expect(await store.listApiKeys(ACCOUNT, all)).toStrictEqual([oldest, middle, newest]);
        expect(sidsOf(await store.listApiKeys(ACCOUNT, { offset: 0, limit: 2 }))).toStrictEqual([oldest.sid, middle.sid]);
        expect(sidsOf(await store.listApiKeys(ACCOUNT, { offset: 1, limit: 1 }))).toStrictEqual([middle.sid]);
        expect(sidsOf(await store.listApiKeys(ACCOUNT, { offset: 2, limit: 5 }))).toStrictEqual([newest.sid]);
        expect(await store.listApiKeys(ACCOUNT, { offset: 3, limit: 5 })).toStrictEqual([]);
        expect(await store.listApiKeys(OTHER_ACCOUNT, all)).toStrictEqual([elsewhere]);
        expect(await store.listApiKeys(sid('AC'), all)).toStrictEqual([]);
      });

      it('putApiKey of an existing sid (a new friendly name) updates it in place', async () => {
        const first = apiKeyRecord({ dateCreated: at(1), dateUpdated: at(1) });
        const second = apiKeyRecord({ dateCreated: at(2), dateUpdated: at(2) });
        await store.putApiKey(first);
        await store.putApiKey(second);
        const renamed = { ...first, friendlyName: 'Renamed', dateUpdated: at(9) };
        await store.putApiKey(renamed);
        expect(await store.getApiKey(first.sid)).toStrictEqual(renamed);
        expect(await store.listApiKeys(ACCOUNT, all)).toStrictEqual([renamed, second]);
      });

      it('deleteApiKey removes the key and returns whether it existed', async () => {
        const kept = apiKeyRecord({ dateCreated: at(1) });
        const doomed = apiKeyRecord({ dateCreated: at(2) });
        await store.putApiKey(kept);
        await store.putApiKey(doomed);
        expect(await store.deleteApiKey(doomed.sid)).toBe(true);
        expect(await store.getApiKey(doomed.sid)).toBeUndefined();
        expect(await store.listApiKeys(ACCOUNT, all)).toStrictEqual([kept]);
        expect(await store.deleteApiKey(doomed.sid)).toBe(false);
        expect(await store.getApiKey(kept.sid)).toStrictEqual(kept);
      });
    });

    describe('handsets', () => {
      it('getHandset of an unknown address is undefined', async () => {
        expect(await store.getHandset(CUSTOMER)).toBeUndefined();
        expect(await store.getHandset('client:alice')).toBeUndefined();
      });

      it('putHandset round-trips, for a number and for a client', async () => {
        const number = handsetRecord();
        const client = handsetRecord({ address: 'client:alice', answerMode: 'manual', answerDelay: 0, answeredBy: 'machine_start' });
        await store.putHandset(number);
        await store.putHandset(client);
        expect(await store.getHandset(CUSTOMER)).toStrictEqual(number);
        expect(await store.getHandset('client:alice')).toStrictEqual(client);
        expect(await store.getHandset('client:bob')).toBeUndefined();
        expect(await store.getHandset(OTHER_CUSTOMER)).toBeUndefined();
      });

      it('putHandset of a known address replaces it and leaves the others alone', async () => {
        const number = handsetRecord();
        const other = handsetRecord({ address: OTHER_CUSTOMER, answerMode: 'busy' });
        await store.putHandset(number);
        await store.putHandset(other);
        const changed = handsetRecord({ answerMode: 'no-answer', answerDelay: 30, answeredBy: 'fax' });
        await store.putHandset(changed);
        expect(await store.getHandset(CUSTOMER)).toStrictEqual(changed);
        expect(await store.getHandset(OTHER_CUSTOMER)).toStrictEqual(other);
      });
    });

    describe('conversations', () => {
      const conversation = (minutes: number, overrides: Partial<ConversationRecord> = {}): ConversationRecord => ({
        sid: sid('CH'), accountSid: ACCOUNT, chatServiceSid: sid('IS'), friendlyName: `chat ${minutes}`, uniqueName: null,
        attributes: '{}', state: 'active', dateCreated: at(minutes), dateUpdated: at(minutes), ...overrides,
      });
      const message = (conversationSid: string, body: string): Omit<ConversationMessageRecord, 'index'> => ({
        sid: sid('IM'), accountSid: ACCOUNT, conversationSid, author: CUSTOMER, body, attributes: '{}', participantSid: null,
        executionSid: null, dateCreated: at(1), dateUpdated: at(1),
      });

      it('round-trips, lists oldest first per account (in the order added on a tie), pages, and updates in place', async () => {
        const first = conversation(1);
        const second = conversation(2);
        const tie = conversation(2);
        const elsewhere = conversation(1, { accountSid: OTHER_ACCOUNT });
        for (const record of [second, tie, first, elsewhere]) await store.putConversation(record);
        expect(await store.getConversation(first.sid)).toStrictEqual(first);
        expect(await store.getConversation(sid('CH'))).toBeUndefined();
        expect(await store.listConversations(ACCOUNT, all)).toStrictEqual([first, second, tie]);
        expect(await store.listConversations(ACCOUNT, { offset: 1, limit: 1 })).toStrictEqual([second]);
        const renamed = { ...second, friendlyName: 'renamed', attributes: '{"vip":true}', dateUpdated: at(9) };
        await store.putConversation(renamed);
        expect(await store.listConversations(ACCOUNT, all)).toStrictEqual([first, renamed, tie]);
        expect(await store.listConversations(OTHER_ACCOUNT, all)).toStrictEqual([elsewhere]);
      });

      it('finds a conversation by its unique name within its account, and refuses a second with the same name', async () => {
        const named = conversation(1, { uniqueName: 'support' });
        await store.putConversation(named);
        await store.putConversation(conversation(2));
        await store.putConversation(conversation(3));
        expect(await store.findConversationByUniqueName(ACCOUNT, 'support')).toStrictEqual(named);
        expect(await store.findConversationByUniqueName(OTHER_ACCOUNT, 'support')).toBeUndefined();
        const clash = conversation(4, { uniqueName: 'support' });
        await expect(store.putConversation(clash)).rejects.toBeInstanceOf(StoreConflict);
        expect(await store.getConversation(clash.sid)).toBeUndefined();
        const otherAccount = conversation(4, { accountSid: OTHER_ACCOUNT, uniqueName: 'support' });
        await store.putConversation(otherAccount);
        expect(await store.findConversationByUniqueName(OTHER_ACCOUNT, 'support')).toStrictEqual(otherAccount);
        await store.putConversation({ ...named, friendlyName: 'same name, updated' });
        expect((await store.findConversationByUniqueName(ACCOUNT, 'support'))?.friendlyName).toBe('same name, updated');
      });

      it('keeps participants and webhooks per conversation, oldest first, and updates them in place', async () => {
        const chat = conversation(1);
        const other = conversation(2);
        const participant = (conversationSid: string, identity: string, minutes: number) => ({
          sid: sid('MB'), accountSid: ACCOUNT, conversationSid, identity, messagingBinding: null, attributes: '{}', dateCreated: at(minutes), dateUpdated: at(minutes),
        });
        const sms = { ...participant(chat.sid, '', 1), identity: null, messagingBinding: { type: 'sms' as const, address: CUSTOMER, proxyAddress: OTHER_CUSTOMER } };
        const alice = participant(chat.sid, 'alice', 2);
        const bob = participant(other.sid, 'bob', 0);
        for (const record of [alice, sms, bob]) await store.putConversationParticipant(record);
        expect(await store.listConversationParticipants(chat.sid, all)).toStrictEqual([sms, alice]);
        expect(await store.listConversationParticipants(chat.sid, { offset: 1, limit: 5 })).toStrictEqual([alice]);
        const renamed = { ...alice, attributes: '{"role":"agent"}' };
        await store.putConversationParticipant(renamed);
        expect(await store.listConversationParticipants(chat.sid, all)).toStrictEqual([sms, renamed]);
        expect(await store.listConversationParticipants(other.sid, all)).toStrictEqual([bob]);

        const studio = {
          sid: sid('WH'), accountSid: ACCOUNT, conversationSid: chat.sid, target: 'studio' as const,
          configuration: { flowSid: sid('FW'), replayAfter: 0 }, dateCreated: at(1), dateUpdated: at(1),
        };
        const hook = { ...studio, sid: sid('WH'), configuration: { flowSid: sid('FW') } };
        await store.putConversationWebhook(studio);
        await store.putConversationWebhook(hook);
        expect(await store.listConversationWebhooks(chat.sid, all)).toStrictEqual([studio, hook]);
        expect(await store.listConversationWebhooks(chat.sid, { offset: 0, limit: 1 })).toStrictEqual([studio]);
        expect(await store.listConversationWebhooks(other.sid, all)).toStrictEqual([]);
      });

      it('appends messages with the next index per conversation, also when appended at once, and lists them in order either way', async () => {
        const chat = conversation(1);
        const other = conversation(2);
        const first = await store.appendConversationMessage(message(chat.sid, 'hi'));
        expect(first).toStrictEqual({ ...message(chat.sid, 'hi'), sid: first.sid, index: 0 });
        const [second, third, elsewhere] = await Promise.all([
          store.appendConversationMessage(message(chat.sid, 'two')),
          store.appendConversationMessage(message(chat.sid, 'three')),
          store.appendConversationMessage(message(other.sid, 'other')),
        ]);
        expect([second.index, third.index, elsewhere.index]).toEqual([1, 2, 0]);
        expect(await store.listConversationMessages(chat.sid, all)).toStrictEqual([first, second, third]);
        expect(await store.listConversationMessages(chat.sid, all, true)).toStrictEqual([third, second, first]);
        expect(await store.listConversationMessages(chat.sid, { offset: 1, limit: 1 })).toStrictEqual([second]);
        expect(await store.listConversationMessages(other.sid, all)).toStrictEqual([elsewhere]);
        expect(await store.listConversationMessages(sid('CH'), all)).toStrictEqual([]);
      });
    });

    describe('settings', () => {
      it('getSetting of an unknown key is undefined', async () => {
        expect(await store.getSetting('webhook.secret')).toBeUndefined();
      });

      it('putSetting stores a value, overwrites it, and keeps keys apart', async () => {
        await store.putSetting('webhook.secret', 'first');
        await store.putSetting('public.url', 'https://switchboard.example.com');
        expect(await store.getSetting('webhook.secret')).toBe('first');
        await store.putSetting('webhook.secret', 'second');
        expect(await store.getSetting('webhook.secret')).toBe('second');
        expect(await store.getSetting('public.url')).toBe('https://switchboard.example.com');
        expect(await store.getSetting('webhook')).toBeUndefined();
      });

      it('keeps an empty string and JSON text exactly', async () => {
        await store.putSetting('empty', '');
        await store.putSetting('json', JSON.stringify({ a: [1, 'two'], b: null }));
        expect(await store.getSetting('empty')).toBe('');
        expect(await store.getSetting('json')).toBe('{"a":[1,"two"],"b":null}');
      });
    });

    if (reopen) {
      describe('durability', () => {
        it('everything written survives closing and reopening the store', async () => {
          const account = accountRecord();
          await store.putAccount(account);
          const first = await seedFlow({ dateCreated: at(1) });
          const second = await nextRevision(first.flow, 2);
          const flow = { ...second.flow, testUsers: [CUSTOMER], dateUpdated: at(3) };
          await store.updateFlow(flow);
          const active = executionRecord({ flowSid: flow.sid, dueAt: at(60), dateCreated: at(4) });
          const ended = executionRecord({ flowSid: flow.sid, status: 'ended', contactAddress: OTHER_CUSTOMER, dateCreated: at(5) });
          const activeSteps = steps(active, 0, 3);
          const endedSteps = steps(ended, 0, 2);
          await store.commitSprint(active, activeSteps);
          await store.commitSprint(ended, endedSteps);
          const number = numberRecord({ dateCreated: at(6) });
          await store.putNumber(number);
          const older = messageRecord({ status: 'queued', dateCreated: at(7), dateSent: null });
          const newer = messageRecord({ dateCreated: at(8), dateSent: at(8) });
          await store.putMessage(older);
          await store.putMessage(newer);
          const olderSent = { ...older, status: 'sent', dateSent: at(9) };
          await store.putMessage(olderSent);
          await store.putSetting('webhook.secret', 'kept');

          store = await reopen(store);

          expect(await store.getAccount(account.sid)).toStrictEqual(account);
          expect(await store.listAccounts()).toStrictEqual([account]);
          expect(await store.getFlow(flow.sid)).toStrictEqual(flow);
          expect(await store.listFlows(ACCOUNT, all)).toStrictEqual([flow]);
          expect(await store.listRevisions(flow.sid, all)).toStrictEqual([second.revision, first.revision]);
          expect(await store.getRevision(flow.sid, 1)).toStrictEqual(first.revision);
          expect(await store.getExecution(active.sid)).toStrictEqual(active);
          expect(await store.listExecutions(flow.sid, {}, all)).toStrictEqual([ended, active]);
          expect(await store.findActiveExecution(flow.sid, CUSTOMER)).toStrictEqual(active);
          expect(await store.listDueExecutions(at(60), 10)).toStrictEqual([active]);
          expect(await store.listSteps(active.sid, all)).toStrictEqual(activeSteps);
          expect(await store.getStep(ended.sid, endedSteps[1].step.sid)).toStrictEqual(endedSteps[1]);
          expect(await store.getNumber(number.sid)).toStrictEqual(number);
          expect(await store.findNumber(number.phoneNumber)).toStrictEqual(number);
          expect(await store.listNumbers(ACCOUNT, {}, all)).toStrictEqual([number]);
          expect(await store.getMessage(older.sid)).toStrictEqual(olderSent);
          expect(await store.listMessages({}, all)).toStrictEqual([newer, olderSent]);
          expect(await store.getSetting('webhook.secret')).toBe('kept');
        });

        it('conversations and their messages survive reopening, and the next message gets the next index', async () => {
          const conversation: ConversationRecord = {
            sid: sid('CH'), accountSid: ACCOUNT, chatServiceSid: sid('IS'), friendlyName: null, uniqueName: 'kept',
            attributes: '{}', state: 'active', dateCreated: at(1), dateUpdated: at(1),
          };
          await store.putConversation(conversation);
          const message = (body: string): Omit<ConversationMessageRecord, 'index'> => ({
            sid: sid('IM'), accountSid: ACCOUNT, conversationSid: conversation.sid, author: 'system', body, attributes: '{}',
            participantSid: null, executionSid: null, dateCreated: at(2), dateUpdated: at(2),
          });
          const first = await store.appendConversationMessage(message('before'));

          store = await reopen(store);

          expect(await store.findConversationByUniqueName(ACCOUNT, 'kept')).toStrictEqual(conversation);
          const second = await store.appendConversationMessage(message('after'));
          expect(second.index).toBe(1);
          expect(await store.listConversationMessages(conversation.sid, all)).toStrictEqual([first, second]);
        });

        it('after reopening, new messages are newest and updated ones keep their place', async () => {
          const first = messageRecord();
          const second = messageRecord();
          await store.putMessage(first);
          await store.putMessage(second);

          store = await reopen(store);

          const third = messageRecord();
          await store.putMessage(third);
          const firstDelivered = { ...first, status: 'delivered' };
          await store.putMessage(firstDelivered);
          expect(await store.listMessages({}, all)).toStrictEqual([third, second, firstDelivered]);
          expect(await store.listMessages({}, all, true)).toStrictEqual([firstDelivered, second, third]);
        });

        it('after reopening, the uniqueness rules still hold', async () => {
          const execution = executionRecord();
          const number = numberRecord();
          await store.commitSprint(execution, []);
          await store.putNumber(number);

          store = await reopen(store);

          const rival = executionRecord({ flowSid: execution.flowSid });
          await expect(store.commitSprint(rival, steps(rival, 0, 1))).rejects.toBeInstanceOf(StoreConflict);
          await expect(store.putNumber(numberRecord())).rejects.toBeInstanceOf(StoreConflict);
          expect(await store.getExecution(rival.sid)).toBeUndefined();
          expect(await store.findActiveExecution(execution.flowSid, CUSTOMER)).toStrictEqual(execution);
          expect(await store.findNumber(number.phoneNumber)).toStrictEqual(number);
        });

        it('deletions survive closing and reopening the store', async () => {
          const { flow } = await seedFlow();
          const execution = executionRecord({ flowSid: flow.sid });
          await store.commitSprint(execution, steps(execution, 0, 2));
          const number = numberRecord();
          await store.putNumber(number);
          const message = messageRecord();
          await store.putMessage(message);

          expect(await store.deleteFlow(flow.sid)).toBe(true);
          expect(await store.deleteNumber(number.sid)).toBe(true);
          expect(await store.deleteMessage(message.sid)).toBe(true);

          store = await reopen(store);

          expect(await store.getFlow(flow.sid)).toBeUndefined();
          expect(await store.listRevisions(flow.sid, all)).toStrictEqual([]);
          expect(await store.getExecution(execution.sid)).toBeUndefined();
          expect(await store.listSteps(execution.sid, all)).toStrictEqual([]);
          expect(await store.getNumber(number.sid)).toBeUndefined();
          expect(await store.getMessage(message.sid)).toBeUndefined();
        });

        it('calls, call events, recordings, API keys and handsets survive closing and reopening the store', async () => {
          const parent = callRecord({ status: 'in-progress', endTime: null, duration: null, dateCreated: at(1) });
          const child = callRecord({ parentCallSid: parent.sid, from: FLOW_NUMBER, to: 'client:alice', direction: 'outbound-dial', dateCreated: at(2) });
          await store.putCall(parent);
          await store.putCall(child);
          const parentCompleted = { ...parent, status: 'completed' as const, endTime: at(3), duration: 180, dateUpdated: at(3) };
          await store.putCall(parentCompleted);
          const parentEvents = [callEvent('say', 1), callEvent('dial', 2), callEvent('hangup', 3)];
          const childEvents = [callEvent('answered', 2)];
          await store.appendCallEvents(parent.sid, parentEvents.slice(0, 2));
          await store.appendCallEvents(child.sid, childEvents);
          await store.appendCallEvents(parent.sid, parentEvents.slice(2));
          const older = recordingRecord({ callSid: parent.sid, dateCreated: at(1) });
          const newer = recordingRecord({ callSid: child.sid, source: 'DialVerb', dateCreated: at(2) });
          await store.putRecording(newer);
          await store.putRecording(older);
          const firstKey = apiKeyRecord({ dateCreated: at(1) });
          const secondKey = apiKeyRecord({ dateCreated: at(2) });
          await store.putApiKey(secondKey);
          await store.putApiKey(firstKey);
          const renamedKey = { ...firstKey, friendlyName: 'Renamed', dateUpdated: at(5) };
          await store.putApiKey(renamedKey);
          const number = handsetRecord();
          const client = handsetRecord({ address: 'client:alice', answerMode: 'busy' });
          await store.putHandset(number);
          await store.putHandset(client);
          const clientManual = { ...client, answerMode: 'manual' as const };
          await store.putHandset(clientManual);

          store = await reopen(store);

          expect(await store.getCall(parent.sid)).toStrictEqual(parentCompleted);
          expect(await store.getCall(child.sid)).toStrictEqual(child);
          expect(await store.listCalls({}, all)).toStrictEqual([child, parentCompleted]);
          expect(await store.listCalls({ parentCallSid: parent.sid }, all)).toStrictEqual([child]);
          expect(await store.listCalls({ status: 'completed', endedAfter: at(3) }, all)).toStrictEqual([parentCompleted]);
          expect(await store.listCallEvents(parent.sid)).toStrictEqual(parentEvents);
          expect(await store.listCallEvents(child.sid)).toStrictEqual(childEvents);
          expect(await store.getRecording(older.sid)).toStrictEqual(older);
          expect(await store.listRecordings({ accountSid: ACCOUNT }, all)).toStrictEqual([newer, older]);
          expect(await store.listRecordings({ accountSid: ACCOUNT, callSid: child.sid }, all)).toStrictEqual([newer]);
          expect(await store.getApiKey(firstKey.sid)).toStrictEqual(renamedKey);
          expect(await store.listApiKeys(ACCOUNT, all)).toStrictEqual([renamedKey, secondKey]);
          expect(await store.getHandset(CUSTOMER)).toStrictEqual(number);
          expect(await store.getHandset('client:alice')).toStrictEqual(clientManual);
        });

        it('after reopening, new calls are newest and updated ones keep their place', async () => {
          const first = callRecord({ status: 'ringing', endTime: null, duration: null });
          const second = callRecord();
          await store.putCall(first);
          await store.putCall(second);

          store = await reopen(store);

          const third = callRecord();
          await store.putCall(third);
          const firstCompleted = { ...first, status: 'completed' as const, endTime: at(2), duration: 120 };
          await store.putCall(firstCompleted);
          expect(await store.listCalls({}, all)).toStrictEqual([third, second, firstCompleted]);
        });

        it('deletions of calls, recordings and API keys survive closing and reopening the store', async () => {
          const call = callRecord();
          await store.putCall(call);
          await store.appendCallEvents(call.sid, [callEvent('say', 1)]);
          const recording = recordingRecord({ callSid: call.sid });
          await store.putRecording(recording);
          const key = apiKeyRecord();
          await store.putApiKey(key);

          expect(await store.deleteCall(call.sid)).toBe(true);
          expect(await store.deleteRecording(recording.sid)).toBe(true);
          expect(await store.deleteApiKey(key.sid)).toBe(true);

          store = await reopen(store);

          expect(await store.getCall(call.sid)).toBeUndefined();
          expect(await store.listCalls({}, all)).toStrictEqual([]);
          expect(await store.listCallEvents(call.sid)).toStrictEqual([]);
          expect(await store.getRecording(recording.sid)).toBeUndefined();
          expect(await store.listRecordings({ accountSid: ACCOUNT }, all)).toStrictEqual([]);
          expect(await store.getApiKey(key.sid)).toBeUndefined();
          expect(await store.listApiKeys(ACCOUNT, all)).toStrictEqual([]);
        });
      });
    }
  });
}
