import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowOf, widget } from '../../test/support/engine-harness.ts';
import { definitionHash, readSyncState, recordSync, syncStateFileName } from './sync-state.ts';

it('hashes a definition the same whatever its key and state order', () => {
  const flow = flowOf({ incomingMessage: 'a' }, widget('a', 'send-message', { body: 'x' }, { sent: 'b' }), widget('b', 'send-message', { body: 'y' }));
  const shuffled = { flags: flow.flags, initial_state: flow.initial_state, states: [...flow.states].reverse(), description: flow.description };
  expect(definitionHash(shuffled)).toBe(definitionHash(flow));
  expect(definitionHash({ ...flow, description: 'other' })).not.toBe(definitionHash(flow));
});

it('keeps records per remote and per file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-state-'));
  expect(await readSyncState(dir)).toEqual({ version: 1, remotes: {} });
  const record = { sid: 'FW1', friendlyName: 'a', revision: 1, remoteHash: 'r', localHash: 'l' };
  await recordSync(dir, 'ACdev', 'b.json', record);
  await recordSync(dir, 'ACdev', 'a.json', record);
  await recordSync(dir, 'ACprod', 'a.json', { ...record, sid: 'FW2' });
  const state = await readSyncState(dir);
  expect(Object.keys(state.remotes.ACdev)).toEqual(['a.json', 'b.json']);
  expect(state.remotes.ACprod['a.json'].sid).toBe('FW2');
});

it('refuses a state file it did not write', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-state-'));
  await writeFile(join(dir, syncStateFileName), '[1, 2]');
  await expect(readSyncState(dir)).rejects.toThrow(`${join(dir, syncStateFileName)}: not a Switchboard sync state file; remove it and pull again`);
});
