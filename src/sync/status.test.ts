import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowOf, widget } from '../../test/support/engine-harness.ts';
import { MemoryStudioRemote } from '../../test/support/memory-studio-remote.ts';
import { pull } from './pull.ts';
import { describeStatus, syncStatus } from './status.ts';

const greeting = (body: string) => flowOf({ incomingMessage: 'hi' }, widget('hi', 'send-message', { body }, { sent: undefined, failed: undefined }));

it('tells every kind of difference between the files and the remote flows', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-status-'));
  const remote = new MemoryStudioRemote();
  const context = { remote, print: () => {} };
  for (const name of ['same', 'local', 'remote', 'both']) remote.add(name, greeting(name));
  await pull([], { dir }, context);
  remote.add('only-remote', greeting('x'));
  await writeFile(join(dir, 'brand-new.json'), JSON.stringify(greeting('new')));
  await writeFile(join(dir, 'local.json'), JSON.stringify(greeting('edited')));
  await writeFile(join(dir, 'both.json'), JSON.stringify(greeting('edited')));
  for (const [sid, flow] of remote.flows) {
    if (flow.friendlyName === 'remote' || flow.friendlyName === 'both') await remote.update(sid, { ...flow, status: 'draft', definition: greeting('changed there') });
  }
  // Saved again unchanged on the remote: a new revision, the same definition.
  const same = [...remote.flows.values()].find((flow) => flow.friendlyName === 'same')!;
  await remote.update(same.sid, { ...same, status: 'draft' });

  const rows = await syncStatus(dir, context);
  expect(Object.fromEntries(rows.map((row) => [row.file ?? row.friendlyName, row.status]))).toEqual({
    'both.json': 'changed on both',
    'brand-new.json': 'new',
    'local.json': 'changed locally',
    'remote.json': 'changed remotely since the last pull',
    'same.json': 'unchanged',
    'only-remote': 'remote only',
  });
  expect(rows.map(describeStatus)).toContain(`same.json: unchanged ("same" ${same.sid} revision 2)`);
  expect(rows.map(describeStatus)).toContain('brand-new.json: new');
  expect(rows.map(describeStatus)).toContainEqual(expect.stringMatching(/^"only-remote" FW\d{32} revision 1: remote only$/));
});

it('compares a file never synced with the remote flow of its name', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-status-'));
  const remote = new MemoryStudioRemote();
  remote.add('equal', greeting('a'));
  remote.add('different', greeting('b'));
  await writeFile(join(dir, 'equal.json'), JSON.stringify(greeting('a')));
  await writeFile(join(dir, 'different.json'), JSON.stringify(greeting('c')));
  const rows = await syncStatus(dir, { remote, print: () => {} });
  expect(rows.map((row) => [row.file, row.status])).toEqual([
    ['different.json', 'changed on both'],
    ['equal.json', 'unchanged'],
  ]);
});
