import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../errors.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { canonicalDefinition } from '../flow/format-definition.ts';
import { SyncError } from './sync-error.ts';

/**
 * `<dir>/.switchboard-sync.json`: what each flow file was at its last pull or push, per remote
 * (one folder can track dev and prod). Status compares against it to tell local changes from
 * remote drift.
 */
export const syncStateFileName = '.switchboard-sync.json';

export interface SyncRecord {
  /** The remote flow's SID. */
  sid: string;
  friendlyName: string;
  /** The remote revision pulled or pushed. */
  revision: number;
  /** Hash of the definition as the remote held it then. */
  remoteHash: string;
  /** Hash of the file's definition (with its placeholders) then. */
  localHash: string;
}

/** Per remote key, per file name in the folder. */
export interface SyncState {
  version: 1;
  remotes: Record<string, Record<string, SyncRecord>>;
}

/** A hash of a definition that ignores key order, state order and formatting. */
export function definitionHash(definition: FlowDefinition): string {
  return createHash('sha256').update(JSON.stringify(canonicalDefinition(definition))).digest('hex');
}

/** The friendly name a file's flow has on any remote, so that its first push to another keeps it. */
export function recordedFriendlyName(state: SyncState, file: string): string | undefined {
  return Object.values(state.remotes).find((records) => records[file])?.[file].friendlyName;
}

export async function readSyncState(dir: string): Promise<SyncState> {
  const path = join(dir, syncStateFileName);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, remotes: {} };
    throw new SyncError(`${path}: cannot read the sync state: ${describeError(error)}`);
  }
  try {
    const state = JSON.parse(text) as SyncState;
    if (state.version === 1 && state.remotes && typeof state.remotes === 'object') return state;
  } catch {
    // fall through to the one message below
  }
  throw new SyncError(`${path}: not a Switchboard sync state file; remove it and pull again`);
}

/** Records one file's sync, written whole to a temporary file and renamed, so it is never half written. */
export async function recordSync(dir: string, remoteKey: string, file: string, record: SyncRecord): Promise<void> {
  const state = await readSyncState(dir);
  const records = Object.entries({ ...state.remotes[remoteKey], [file]: record });
  state.remotes[remoteKey] = Object.fromEntries(records.sort(([a], [b]) => (a < b ? -1 : 1)));
  const path = join(dir, syncStateFileName);
  try {
    await writeFile(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
    await rename(`${path}.tmp`, path);
  } catch (error) {
    throw new SyncError(`${path}: cannot write the sync state: ${describeError(error)}`);
  }
}
