import { isoNow, type Clock, type SidGenerator } from '../engine/services.ts';
import { SwitchboardError } from '../errors.ts';
import { loadDefinition } from '../flow/load-definition.ts';
import type { FlowRecord, FlowStatus, RevisionRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

/**
 * Saving flows as Studio does: every save is a new revision; an invalid definition may be saved
 * as a draft (with `valid: false` and its errors) but never published; legacy definitions are
 * converted to v2 first.
 */
export interface FlowSave {
  friendlyName?: string;
  status: FlowStatus;
  /** JSON text or a parsed value; absent on an update that keeps the definition. */
  definition?: unknown;
  commitMessage?: string | null;
}

export class FlowLibrary {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly sids: SidGenerator,
  ) {}

  async create(accountSid: string, save: FlowSave & { friendlyName: string; definition: unknown }): Promise<FlowRecord> {
    const now = isoNow(this.clock);
    const flow: FlowRecord = {
      sid: this.sids.next('FW'),
      accountSid,
      friendlyName: save.friendlyName,
      status: save.status,
      revision: 0,
      publishedRevision: null,
      definition: null,
      commitMessage: null,
      valid: false,
      errors: [],
      warnings: [],
      testUsers: [],
      dateCreated: now,
      dateUpdated: now,
    };
    return this.save(flow, save);
  }

  async update(flow: FlowRecord, save: FlowSave): Promise<FlowRecord> {
    return this.save(flow, { ...save, definition: save.definition ?? flow.definition });
  }

  async setTestUsers(flow: FlowRecord, testUsers: string[]): Promise<FlowRecord> {
    const updated = { ...flow, testUsers: [...new Set(testUsers)] };
    await this.store.updateFlow(updated);
    return updated;
  }

  private async save(previous: FlowRecord, save: FlowSave): Promise<FlowRecord> {
    const { definition, result } = loadDefinition(save.definition);
    if (!definition) throw invalidDefinition(result.errors);
    if (save.status === 'published' && !result.valid) throw invalidDefinition(result.errors);
    const now = isoNow(this.clock);
    const revision = previous.revision + 1;
    const flow: FlowRecord = {
      ...previous,
      friendlyName: save.friendlyName ?? previous.friendlyName,
      status: save.status,
      revision,
      publishedRevision: save.status === 'published' ? revision : previous.publishedRevision,
      definition,
      commitMessage: save.commitMessage ?? null,
      valid: result.valid,
      errors: result.errors,
      warnings: result.warnings,
      dateUpdated: now,
    };
    const record: RevisionRecord = {
      flowSid: flow.sid,
      accountSid: flow.accountSid,
      revision,
      friendlyName: flow.friendlyName,
      status: flow.status,
      definition,
      commitMessage: flow.commitMessage,
      valid: flow.valid,
      errors: flow.errors,
      dateCreated: now,
      dateUpdated: now,
    };
    await this.store.saveFlow(flow, record);
    return flow;
  }

}

/** Studio's 81022, with every finding in `details.errors`. */
export function invalidDefinition(errors: Array<{ message: string; property_path: string }>): SwitchboardError {
  const first = errors[0];
  return new SwitchboardError('definitionInvalid', first ? `${first.property_path}: ${first.message}` : undefined, { errors });
}
