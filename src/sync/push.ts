import { dirname } from 'node:path';
import type { FlowDefinition } from '../flow/definition.ts';
import { definitionForRemote, readLocalFlow, type LocalFlow } from './local-flow.ts';
import type { RemoteFlowSummary, RemoteSave } from './studio-remote.ts';
import type { SyncContext } from './sync-context.ts';
import { SyncError } from './sync-error.ts';
import { definitionHash, readSyncState, recordedFriendlyName, recordSync } from './sync-state.ts';

export interface PushOptions {
  /** Publish the revision; a draft otherwise (the published revision stays live). */
  publish?: boolean;
  message?: string;
}

/**
 * Creates or updates one remote flow per file: the one recorded in the sync state, else the one
 * with the name the file's flow has on another remote, else with the file's name. Every file
 * is read, filled in from the environment and validated before anything is sent; each flow is
 * then checked by the remote's FlowValidate and saved in one request, so a refusal leaves that
 * remote flow as it was. A failure stops the push there; flows pushed before it stay recorded.
 */
export async function push(paths: string[], options: PushOptions, { remote, environment, print }: SyncContext): Promise<void> {
  const prepared: Array<{ flow: LocalFlow; definition: FlowDefinition }> = [];
  for (const path of paths) {
    const flow = await readLocalFlow(path);
    prepared.push({ flow, definition: definitionForRemote(flow, environment) });
  }
  const remoteFlows = await remote.list();

  for (const { flow, definition } of prepared) {
    const dir = dirname(flow.path);
    const state = await readSyncState(dir);
    const record = state.remotes[remote.key]?.[flow.file];
    const friendlyName = recordedFriendlyName(state, flow.file) ?? flow.friendlyName;
    const target = remoteFlows.find((remoteFlow) => remoteFlow.sid === record?.sid) ?? byName(remoteFlows, friendlyName, flow.path, remote.name);
    const save: RemoteSave = {
      friendlyName: target?.friendlyName ?? friendlyName,
      definition,
      status: options.publish ? 'published' : 'draft',
      ...(options.message !== undefined ? { commitMessage: options.message } : {}),
    };
    await remote.validate(save);
    const saved = target ? await remote.update(target.sid, save) : await remote.create(save);
    await recordSync(dir, remote.key, flow.file, { sid: saved.sid, friendlyName: saved.friendlyName, revision: saved.revision, remoteHash: definitionHash(saved.definition), localHash: flow.hash });
    print(`${flow.path}: ${target ? 'updated' : 'created'} "${saved.friendlyName}" ${saved.sid} revision ${saved.revision} (${saved.status})`);
  }
}

/** The remote flow a file never synced with this remote would update: the one with its name, if only one has it. */
function byName(flows: RemoteFlowSummary[], friendlyName: string, path: string, remoteName: string): RemoteFlowSummary | undefined {
  const named = flows.filter((remoteFlow) => remoteFlow.friendlyName === friendlyName);
  if (named.length > 1) throw new SyncError(`${path}: ${named.length} flows on ${remoteName} are named "${friendlyName}" (${named.map((one) => one.sid).join(', ')}); pull the one this file is, so that its SID is recorded`);
  return named[0];
}
