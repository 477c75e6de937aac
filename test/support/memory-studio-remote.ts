import type { FlowDefinition } from '../../src/flow/definition.ts';
import type { RemoteFlow, RemoteSave, StudioRemote } from '../../src/sync/studio-remote.ts';
import { SyncError } from '../../src/sync/sync-error.ts';

/** A Studio v2 remote in memory, for sync's unit tests; it refuses the calls it is told to. */
export class MemoryStudioRemote implements StudioRemote {
  readonly key = 'AC-memory';
  readonly name = 'the memory remote';
  readonly flows = new Map<string, RemoteFlow>();
  readonly calls: string[] = [];
  refuse: Partial<Record<'validate' | 'create' | 'update', string>> = {};
  private next = 1;

  add(friendlyName: string, definition: FlowDefinition): RemoteFlow {
    const flow = { sid: `FW${String(this.next++).padStart(32, '0')}`, friendlyName, revision: 1, status: 'published', definition };
    this.flows.set(flow.sid, flow);
    return flow;
  }

  async list() {
    return [...this.flows.values()].map(({ sid, friendlyName, revision, status }) => ({ sid, friendlyName, revision, status }));
  }

  async fetch(sid: string) {
    const flow = this.flows.get(sid);
    if (!flow) throw new SyncError(`no flow ${sid}`);
    return structuredClone(flow);
  }

  async validate(save: RemoteSave) {
    this.called('validate', save.friendlyName);
  }

  async create(save: RemoteSave) {
    this.called('create', save.friendlyName);
    return { ...this.add(save.friendlyName, save.definition), status: save.status };
  }

  async update(sid: string, save: RemoteSave) {
    this.called('update', sid);
    const flow = { ...(await this.fetch(sid)), definition: save.definition, status: save.status };
    flow.revision++;
    this.flows.set(sid, flow);
    return structuredClone(flow);
  }

  private called(what: 'validate' | 'create' | 'update', subject: string) {
    this.calls.push(`${what} ${subject}`);
    const refusal = this.refuse[what];
    if (refusal) throw new SyncError(refusal);
  }
}
