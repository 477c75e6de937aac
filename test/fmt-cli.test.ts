import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDefinition } from '../src/flow/format-definition.ts';
import type { FlowDefinition } from '../src/flow/definition.ts';
import { childProcessTimeout, projectRoot, runSwitchboard } from './support/child-process.ts';

/** An example flow; written on one line it is never in canonical form. */
const flow = JSON.parse(readFileSync(join(projectRoot, 'examples', 'keyword-router.json'), 'utf8')) as FlowDefinition;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-fmt-cli-'));
});

describe('switchboard fmt', { timeout: childProcessTimeout }, () => {
  it('--check exits 0 on a formatted file and 1 naming an unformatted one; then fmt rewrites it in place', async () => {
    const tidy = join(scratch, 'tidy.json');
    const messy = join(scratch, 'messy.json');
    await writeFile(tidy, formatDefinition(flow));
    await writeFile(messy, JSON.stringify(flow));

    const clean = await runSwitchboard(['fmt', '--check', tidy]);
    expect(clean.code).toBe(0);
    const dirty = await runSwitchboard(['fmt', '--check', tidy, messy]);
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toBe(`${messy}: not formatted\n`);

    const rewrite = await runSwitchboard(['fmt', messy]);
    expect(rewrite.code).toBe(0);
    expect(rewrite.stdout).toBe(`${messy}: formatted\n`);
    expect(await readFile(messy, 'utf8')).toBe(formatDefinition(flow));
  });

  it('exits 2 naming a missing file', async () => {
    const missing = join(scratch, 'missing.json');
    const run = await runSwitchboard(['fmt', missing]);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`${missing}: cannot read the file`);
    expect(run.stderr).toBe('');
  });
});
