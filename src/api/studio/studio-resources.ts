import { createHash } from 'node:crypto';
import type { ExecutionRecord, FlowRecord, RevisionRecord, StepRecord } from '../../store/records.ts';

/** Studio v2's resource JSON: snake_case fields, ISO 8601 dates, absolute URLs. */

/** Studio's dates have no milliseconds: `2017-11-06T12:00:00Z`. */
export function studioDate(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

export function flowUrl(base: string, flowSid: string): string {
  return `${base}/v2/Flows/${flowSid}`;
}

export function webhookUrl(base: string, accountSid: string, flowSid: string): string {
  return `${base}/v1/Accounts/${accountSid}/Flows/${flowSid}`;
}

/** What a Flow and each of its revisions show alike: the saved definition and its checks. */
function savedDefinitionJson(saved: FlowRecord | RevisionRecord, withDefinition: boolean) {
  return {
    account_sid: saved.accountSid,
    friendly_name: saved.friendlyName,
    definition: withDefinition ? saved.definition : null,
    status: saved.status,
    revision: saved.revision,
    commit_message: saved.commitMessage,
    valid: saved.valid,
    errors: saved.errors,
    date_created: studioDate(saved.dateCreated),
    date_updated: studioDate(saved.dateUpdated),
  };
}

export function flowJson(base: string, flow: FlowRecord, withDefinition = true) {
  const url = flowUrl(base, flow.sid);
  return {
    sid: flow.sid,
    ...savedDefinitionJson(flow, withDefinition),
    warnings: flow.warnings,
    webhook_url: webhookUrl(base, flow.accountSid, flow.sid),
    url,
    links: { test_users: `${url}/TestUsers`, revisions: `${url}/Revisions`, executions: `${url}/Executions` },
  };
}

export function revisionJson(base: string, revision: RevisionRecord, withDefinition = true) {
  return {
    sid: revision.flowSid,
    ...savedDefinitionJson(revision, withDefinition),
    url: `${flowUrl(base, revision.flowSid)}/Revisions/${revision.revision}`,
  };
}

export function executionUrl(base: string, execution: Pick<ExecutionRecord, 'flowSid' | 'sid'>): string {
  return `${flowUrl(base, execution.flowSid)}/Executions/${execution.sid}`;
}

/** The contact's SID is derived from its address, so it is the same in every execution. */
export function contactSid(accountSid: string, address: string): string {
  return 'FC' + createHash('md5').update(`${accountSid}|${address}`).digest('hex');
}

export function executionJson(base: string, execution: ExecutionRecord) {
  const url = executionUrl(base, execution);
  return {
    sid: execution.sid,
    account_sid: execution.accountSid,
    flow_sid: execution.flowSid,
    contact_sid: contactSid(execution.accountSid, execution.contactAddress),
    contact_channel_address: execution.contactAddress,
    context: execution.state.context,
    status: execution.status,
    date_created: studioDate(execution.dateCreated),
    date_updated: studioDate(execution.dateUpdated),
    initiated_by: execution.initiatedBy,
    flow_version: execution.flowRevision,
    url,
    links: { steps: `${url}/Steps`, execution_context: `${url}/Context` },
  };
}

export function executionContextJson(base: string, execution: ExecutionRecord) {
  return {
    account_sid: execution.accountSid,
    context: execution.state.context,
    flow_sid: execution.flowSid,
    execution_sid: execution.sid,
    url: `${executionUrl(base, execution)}/Context`,
  };
}

export function stepJson(base: string, record: StepRecord) {
  const url = `${executionUrl(base, { flowSid: record.flowSid, sid: record.executionSid })}/Steps/${record.step.sid}`;
  return {
    sid: record.step.sid,
    account_sid: record.accountSid,
    flow_sid: record.flowSid,
    execution_sid: record.executionSid,
    parent_step_sid: null,
    name: record.step.name,
    context: record.step.context,
    transitioned_from: record.step.transitioned_from,
    transitioned_to: record.step.transitioned_to,
    type: record.step.type,
    date_created: studioDate(record.step.date_created),
    date_updated: studioDate(record.step.date_created),
    url,
    links: { step_context: `${url}/Context` },
  };
}

/**
 * The whole context right after a step: the flow's data and channel, the contact and the trigger
 * stay as the execution began, so a step keeps only the variables and widgets it saw.
 */
export function stepContextJson(base: string, record: StepRecord, execution: ExecutionRecord) {
  const after = record.step.context_after;
  const { context } = execution.state;
  return {
    account_sid: record.accountSid,
    context: after ? { ...context, flow: { ...context.flow, variables: after.variables }, widgets: after.widgets } : record.step.context,
    execution_sid: record.executionSid,
    flow_sid: record.flowSid,
    step_sid: record.step.sid,
    url: `${executionUrl(base, { flowSid: record.flowSid, sid: record.executionSid })}/Steps/${record.step.sid}/Context`,
  };
}

/** Studio v2's list envelope. */
export function studioPage<T>(key: string, base: string, path: string, links: { items: T[]; first: string; current: string; next: string | null; previous: string | null }, page: number, pageSize: number) {
  const absolute = (query: string | null) => (query === null ? null : `${base}${path}${query}`);
  return {
    [key]: links.items,
    meta: {
      page,
      page_size: pageSize,
      first_page_url: absolute(links.first),
      previous_page_url: absolute(links.previous),
      url: absolute(links.current),
      next_page_url: absolute(links.next),
      key,
    },
  };
}
