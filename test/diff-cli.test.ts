import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcessTimeout, projectRoot, runSwitchboard } from './support/child-process.ts';

/** `switchboard diff <a> <b>`, run as a user (or CI) would run it, on an example flow. */

const example = join(projectRoot, 'examples', 'order-bot.json');
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-diff-cli-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('switchboard diff', { timeout: childProcessTimeout }, () => {
  it('exits 0 for the same flow, 1 with one line per change when they differ, and --json parses', async () => {
    expect(await runSwitchboard(['diff', example, example])).toEqual({ code: 0, stdout: 'No differences.\n', stderr: '' });

    const flow = JSON.parse(await readFile(example, 'utf8')) as { description: string };
    const changed = join(scratch, 'changed.json');
    await writeFile(changed, JSON.stringify({ ...flow, description: `${flow.description}, v2` }));
    const run = await runSwitchboard(['diff', example, changed]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`~ flow: description ${JSON.stringify(flow.description)} → ${JSON.stringify(`${flow.description}, v2`)}\nFlow settings changed.\n`);

    const json = await runSwitchboard(['diff', '--json', example, changed]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ same: false, flow: [{ path: 'description' }] });
  });

  it('exits 2, not 1 (which means "they differ"), with a clear message when a file is missing or a flag is wrong', async () => {
    const missing = join(scratch, 'missing.json');
    const run = await runSwitchboard(['diff', example, missing]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^${missing}: Cannot read the file: ENOENT`));

    const wrongFlag = await runSwitchboard(['diff', '--colour', example, example]);
    expect(wrongFlag.code).toBe(2);
    expect(wrongFlag.stderr).toMatch(/^error: unknown option '--colour'/);
  });
});
