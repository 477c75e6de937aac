import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { flowOf, widget } from '../../test/support/engine-harness.ts';
import { MemoryStudioRemote } from '../../test/support/memory-studio-remote.ts';
import { pull } from './pull.ts';
import { readSyncState } from './sync-state.ts';

const greeting = (body: string) => flowOf({ incomingMessage: 'hi' }, widget('hi', 'send-message', { body }, { sent: undefined, failed: undefined }));

let dir: string;
let remote: MemoryStudioRemote;
const context = () => ({ remote, print: () => {} });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-pull-'));
  remote = new MemoryStudioRemote();
});

describe('pull', () => {
  it('names files after the flows, safely, and apart when two names meet, whatever their case', async () => {
    const first = remote.add('Sales / EMEA', greeting('a'));
    const second = remote.add('sales: emea', greeting('b'));
    await pull([], { dir }, context());
    const records = (await readSyncState(dir)).remotes[remote.key];
    expect(Object.fromEntries(Object.entries(records).map(([file, record]) => [record.sid, file]))).toEqual({
      [first.sid]: 'Sales-EMEA.json',
      [second.sid]: `sales-emea-${second.sid.slice(-8)}.json`,
    });
    expect(records['Sales-EMEA.json']).toMatchObject({ friendlyName: 'Sales / EMEA', revision: 1 });
  });

  it('pulls only the flows named, by name or SID, and refuses an unknown one before writing anything', async () => {
    const wanted = remote.add('wanted', greeting('a'));
    remote.add('other', greeting('b'));
    await expect(pull([wanted.sid, 'missing'], { dir }, context())).rejects.toThrow('no flow named "missing" on the memory remote');
    await expect(readFile(join(dir, 'wanted.json'))).rejects.toThrow(/ENOENT/);
    await pull([wanted.sid], { dir }, context());
    expect(Object.keys((await readSyncState(dir)).remotes[remote.key])).toEqual(['wanted.json']);
  });

  it('keeps local changes that were never pushed, unless forced', async () => {
    const flow = remote.add('welcome', greeting('remote'));
    await pull([], { dir }, context());
    await writeFile(join(dir, 'welcome.json'), JSON.stringify(greeting('mine')));
    await remote.update(flow.sid, { ...flow, status: 'draft', definition: greeting('remote again') });
    await expect(pull([], { dir }, context())).rejects.toThrow(`${join(dir, 'welcome.json')} has changes that were never pushed; push them, or pull with --force to overwrite them`);
    expect(JSON.parse(await readFile(join(dir, 'welcome.json'), 'utf8'))).toEqual(greeting('mine'));
    await pull([], { dir, force: true }, context());
    expect(JSON.parse(await readFile(join(dir, 'welcome.json'), 'utf8'))).toEqual(greeting('remote again'));
    expect((await readSyncState(dir)).remotes[remote.key]['welcome.json'].revision).toBe(2);
  });
});
