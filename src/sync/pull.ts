import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../errors.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { formatDefinition } from '../flow/format-definition.ts';
import { restorePlaceholders } from './environments.ts';
import { readLocalFlow } from './local-flow.ts';
import type { RemoteFlowSummary } from './studio-remote.ts';
import type { SyncContext } from './sync-context.ts';
import { SyncError } from './sync-error.ts';
import { definitionHash, readSyncState, recordSync, type SyncRecord } from './sync-state.ts';

export interface PullOptions {
  dir: string;
  /** Overwrite files whose changes were never pushed. */
  force?: boolean;
}

/**
 * Downloads the named flows (by friendly name or SID; all when none is named) into `<dir>`, in
 * fmt's canonical form with the environment's values as placeholders. Each flow's file is
 * written, then its record in the sync state; a failure stops the pull there.
 */
export async function pull(selectors: string[], options: PullOptions, { remote, environment, print }: SyncContext): Promise<void> {
  const remoteFlows = await remote.list();
  const chosen = chooseFlows(remoteFlows, selectors, remote.name);
  const records = (await readSyncState(options.dir)).remotes[remote.key] ?? {};
  const files = new Map(Object.entries(records).map(([file, record]) => [record.sid, file]));
  await mkdir(options.dir, { recursive: true }).catch((error) => {
    throw new SyncError(`${options.dir}: cannot make the folder: ${describeError(error)}`);
  });

  for (const summary of chosen) {
    const flow = await remote.fetch(summary.sid);
    const definition = (environment ? restorePlaceholders(flow.definition, environment, flow.friendlyName) : flow.definition) as FlowDefinition;
    const file = files.get(flow.sid) ?? freeFileName(flow, files);
    files.set(flow.sid, file);
    const path = join(options.dir, file);
    const localHash = definitionHash(definition);
    if (!options.force) await refuseToLoseChanges(path, records[file], localHash);
    try {
      await writeFile(path, formatDefinition(definition));
    } catch (error) {
      throw new SyncError(`${path}: cannot write the file: ${describeError(error)}`);
    }
    await recordSync(options.dir, remote.key, file, { sid: flow.sid, friendlyName: flow.friendlyName, revision: flow.revision, remoteHash: definitionHash(flow.definition), localHash });
    print(`${path}: pulled "${flow.friendlyName}" ${flow.sid} revision ${flow.revision}`);
  }
}

/** The flows the selectors name, in name order; an unknown name stops the pull before anything is written. */
function chooseFlows(flows: RemoteFlowSummary[], selectors: string[], remoteName: string): RemoteFlowSummary[] {
  for (const selector of selectors) {
    if (!flows.some((flow) => flow.sid === selector || flow.friendlyName === selector)) throw new SyncError(`no flow named "${selector}" on ${remoteName}`);
  }
  const chosen = selectors.length === 0 ? flows : flows.filter((flow) => selectors.includes(flow.sid) || selectors.includes(flow.friendlyName));
  return [...chosen].sort((a, b) => (a.friendlyName < b.friendlyName ? -1 : a.friendlyName > b.friendlyName ? 1 : 0));
}

/**
 * The friendly name as a file name any shell and OS takes, made unique with the SID's end when
 * another flow has it (ignoring case, as macOS and Windows do).
 */
function freeFileName(flow: RemoteFlowSummary, taken: Map<string, string>): string {
  const base = flow.friendlyName.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'flow';
  const used = new Set([...taken.values()].map((file) => file.toLowerCase()));
  return used.has(`${base}.json`.toLowerCase()) ? `${base}-${flow.sid.slice(-8)}.json` : `${base}.json`;
}

/** A file that differs from both its last sync and what is pulled holds work that would be lost. */
async function refuseToLoseChanges(path: string, record: SyncRecord | undefined, pulledHash: string): Promise<void> {
  if (!(await stat(path).then(() => true, () => false))) return;
  const current = (await readLocalFlow(path)).hash;
  if (current !== pulledHash && current !== record?.localHash) {
    throw new SyncError(`${path} has changes that were never pushed; push them, or pull with --force to overwrite them`);
  }
}
