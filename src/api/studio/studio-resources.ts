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

export function flowJson(base: string, flow: FlowRecord, withDefinition = true) {
  const url = flowUrl(base, flow.sid);
  return {
    sid: flow.sid,
    account_sid: flow.accountSid,
    friendly_name: flow.friendlyName,
    definition: withDefinition ? flow.definition : null,
    status: flow.status,
    revision: flow.revision,
    commit_message: flow.commitMessage,
    valid: flow.valid,
    errors: flow.errors,
    warnings: flow.warnings,
    date_created: studioDate(flow.dateCreated),
    date_updated: studioDate(flow.dateUpdated),
    webhook_url: webhookUrl(base, flow.accountSid, flow.sid),
    url,
    links: { test_users: `${url}/TestUsers`, revisions: `${url}/Revisions`, executions: `${url}/Executions` },
  };
}

export function revisionJson(base: string, revision: RevisionRecord, withDefinition = true) {
  return {
    sid: revision.flowSid,
    account_sid: revision.accountSid,
    friendly_name: revision.friendlyName,
    definition: withDefinition ? revision.definition : null,
    status: revision.status,
    revision: revision.revision,
    commit_message: revision.commitMessage,
    valid: revision.valid,
    errors: revision.errors,
    date_created: studioDate(revision.dateCreated),
    date_updated: studioDate(revision.dateUpdated),
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

export function stepContextJson(base: string, record: StepRecord) {
  return {
    account_sid: record.accountSid,
    context: record.step.context,
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
