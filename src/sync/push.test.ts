import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { flowOf, widget } from '../../test/support/engine-harness.ts';
import { MemoryStudioRemote } from '../../test/support/memory-studio-remote.ts';
import { push } from './push.ts';
import { syncStateFileName } from './sync-state.ts';

const greeting = (body: string) => flowOf({ incomingMessage: 'hi' }, widget('hi', 'send-message', { body }, { sent: undefined, failed: undefined }));

let dir: string;
let remote: MemoryStudioRemote;
const lines: string[] = [];
const context = () => ({ remote, print: (line: string) => lines.push(line) });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-push-'));
  remote = new MemoryStudioRemote();
  lines.length = 0;
});

describe('push', () => {
  it('updates the remote flow of the same name, after the remote validated it', async () => {
    const existing = remote.add('welcome', greeting('old'));
    await writeFile(join(dir, 'welcome.json'), JSON.stringify(greeting('new')));
    await push([join(dir, 'welcome.json')], { publish: true, message: 'new text' }, context());
    expect(remote.calls).toEqual(['validate welcome', `update ${existing.sid}`]);
    expect(remote.flows.get(existing.sid)).toMatchObject({ revision: 2, status: 'published', definition: greeting('new') });
    expect(lines).toEqual([`${join(dir, 'welcome.json')}: updated "welcome" ${existing.sid} revision 2 (published)`]);
  });

  it('leaves the remote flow and the sync state alone when the remote refuses the update', async () => {
    const existing = remote.add('welcome', greeting('old'));
    await writeFile(join(dir, 'welcome.json'), JSON.stringify(greeting('new')));
    remote.refuse.update = 'the remote refused updating it';
    await expect(push([join(dir, 'welcome.json')], { publish: true }, context())).rejects.toThrow('the remote refused updating it');
    expect(remote.flows.get(existing.sid)).toMatchObject({ revision: 1, definition: greeting('old') });
    await expect(readFile(join(dir, syncStateFileName))).rejects.toThrow(/ENOENT/);
  });

  it('sends nothing when the remote validation refuses', async () => {
    await writeFile(join(dir, 'welcome.json'), JSON.stringify(greeting('new')));
    remote.refuse.validate = 'invalid flow definition';
    await expect(push([join(dir, 'welcome.json')], {}, context())).rejects.toThrow('invalid flow definition');
    expect(remote.calls).toEqual(['validate welcome']);
    expect(remote.flows.size).toBe(0);
  });

  it('refuses a file that is not a flow before sending anything', async () => {
    await writeFile(join(dir, 'a.json'), JSON.stringify(greeting('a')));
    await writeFile(join(dir, 'package.json'), '{"name": "not a flow"}');
    await expect(push([join(dir, 'a.json'), join(dir, 'package.json')], {}, context())).rejects.toThrow(`${join(dir, 'package.json')}: not a flow: the definition has no "states" array`);
    expect(remote.calls).toEqual([]);
  });

  it('refuses to guess between two remote flows of the file name', async () => {
    remote.add('welcome', greeting('one'));
    remote.add('welcome', greeting('two'));
    await writeFile(join(dir, 'welcome.json'), JSON.stringify(greeting('new')));
    await expect(push([join(dir, 'welcome.json')], {}, context())).rejects.toThrow(/2 flows on the memory remote are named "welcome"/);
  });
});
