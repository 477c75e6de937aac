import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { childProcessTimeout, runSwitchboard } from './support/child-process.ts';

const example = 'examples/pizza-ivr.json';

describe('switchboard diagram', { timeout: childProcessTimeout }, () => {
  it('draws examples/pizza-ivr.json in every format', async () => {
    const { states } = JSON.parse(await readFile(example, 'utf8')) as { states: { name: string }[] };
    const scratch = await mkdtemp(join(tmpdir(), 'switchboard-diagram-cli-'));
    const svgFile = join(scratch, 'pizza.svg');
    const [ascii, mermaid, html, svg] = await Promise.all([
      runSwitchboard(['diagram', example]),
      runSwitchboard(['diagram', example, '--format', 'mermaid']),
      runSwitchboard(['diagram', example, '--format', 'html']),
      runSwitchboard(['diagram', example, '--format', 'svg', '--output', svgFile]),
    ]);
    for (const run of [ascii, mermaid, html, svg]) expect(run).toMatchObject({ code: 0, stderr: '' });

    expect(ascii.stdout).toMatch(/^1 - Trigger \(trigger\)\n/);
    expect(ascii.stdout).toContain('  1.1 - incomingCall → welcome (say-play) "Thanks for calling Switchboard Pizza."');
    expect(ascii.stdout).toContain('↺ loops to 1.1.1 menu');

    expect(mermaid.stdout.startsWith('flowchart TD\n')).toBe(true);
    for (const { name } of states) expect(mermaid.stdout).toContain(`  w_${name}`);

    expect(html.stdout).toMatch(/^<!doctype html>[\s\S]*<svg [\s\S]*<\/svg>[\s\S]*<\/html>\n$/);

    expect(svg.stdout).toBe('');
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(await readFile(svgFile, 'utf8'), true) as { svg: { g: unknown[] } };
    // The edges' group, then one group per widget.
    expect(parsed.svg.g).toHaveLength(states.length + 1);
  });

  it('exits 1 with a clear message for a file that is not JSON, and 1 for an unknown format', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'switchboard-diagram-cli-'));
    const garbage = join(scratch, 'garbage.json');
    await writeFile(garbage, 'this is not a flow');
    const [notJson, badFormat] = await Promise.all([
      runSwitchboard(['diagram', garbage, '--format', 'svg']),
      runSwitchboard(['diagram', example, '--format', 'png']),
    ]);
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toMatch(/garbage\.json: not a flow: JSON syntax error: .*\(line 1, column 1\)/);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain("argument 'png' is invalid. Allowed choices are ascii, mermaid, html, svg.");
  });
});
