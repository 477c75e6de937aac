import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../errors.ts';
import { definitionForRemote, readLocalFlow, type LocalFlow } from './local-flow.ts';
import type { RemoteFlowSummary } from './studio-remote.ts';
import type { SyncContext } from './sync-context.ts';
import { SyncError } from './sync-error.ts';
import { definitionHash, readSyncState, recordedFriendlyName, type SyncRecord } from './sync-state.ts';

export type SyncStatus = 'new' | 'remote only' | 'unchanged' | 'changed locally' | 'changed remotely since the last pull' | 'changed on both';

export interface StatusRow {
  /** The local file, absent for a remote-only flow. */
  file?: string;
  /** The remote flow, absent for a new file. */
  friendlyName?: string;
  sid?: string;
  revision?: number;
  status: SyncStatus;
}

/**
 * Every flow file in `dir` and every remote flow, against the sync state: a file changed since
 * its last pull or push, a remote flow changed since then (the drift), or both. A file never
 * synced with a remote flow of its name is unchanged when they are equal, and changed on both
 * otherwise, since nothing tells which side moved.
 */
export async function syncStatus(dir: string, { remote, environment }: SyncContext): Promise<StatusRow[]> {
  const locals: LocalFlow[] = [];
  for (const file of await flowFiles(dir)) locals.push(await readLocalFlow(join(dir, file)));
  const state = await readSyncState(dir);
  const records = state.remotes[remote.key] ?? {};
  const remoteFlows = await remote.list();
  const matched = new Set<string>();
  const rows: StatusRow[] = [];

  for (const local of locals) {
    const record: SyncRecord | undefined = records[local.file];
    const friendlyName = recordedFriendlyName(state, local.file) ?? local.friendlyName;
    const remoteFlow = record ? remoteFlows.find((flow) => flow.sid === record.sid) : remoteFlows.find((flow) => flow.friendlyName === friendlyName && !matched.has(flow.sid));
    if (!remoteFlow) {
      rows.push({ file: local.file, status: 'new' });
      continue;
    }
    matched.add(remoteFlow.sid);
    const row = { file: local.file, friendlyName: remoteFlow.friendlyName, sid: remoteFlow.sid, revision: remoteFlow.revision };
    if (!record) {
      const same = definitionHash(definitionForRemote(local, environment)) === (await remoteHash(remoteFlow, remote));
      rows.push({ ...row, status: same ? 'unchanged' : 'changed on both' });
      continue;
    }
    const localChanged = local.hash !== record.localHash;
    // The list names each flow's revision; the definition is fetched only when that moved.
    const remoteChanged = remoteFlow.revision !== record.revision && (await remoteHash(remoteFlow, remote)) !== record.remoteHash;
    const status = localChanged && remoteChanged ? 'changed on both' : localChanged ? 'changed locally' : remoteChanged ? 'changed remotely since the last pull' : 'unchanged';
    rows.push({ ...row, status });
  }
  for (const flow of remoteFlows) {
    if (!matched.has(flow.sid)) rows.push({ friendlyName: flow.friendlyName, sid: flow.sid, revision: flow.revision, status: 'remote only' });
  }
  return rows;
}

/** One line per row: `file: status (name, SID, revision n)`. */
export function describeStatus(row: StatusRow): string {
  const remotePart = row.sid ? `"${row.friendlyName}" ${row.sid} revision ${row.revision}` : '';
  if (!row.file) return `${remotePart}: ${row.status}`;
  return `${row.file}: ${row.status}${remotePart ? ` (${remotePart})` : ''}`;
}

async function remoteHash(flow: RemoteFlowSummary, remote: SyncContext['remote']): Promise<string> {
  return definitionHash((await remote.fetch(flow.sid)).definition);
}

/** The folder's *.json files but hidden ones such as the sync state; a folder that does not exist yet has none. */
async function flowFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SyncError(`${dir}: cannot read the folder: ${describeError(error)}`);
  }
}
