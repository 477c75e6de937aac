import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diagramCommand } from './diagram-command.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-diagram-'));
});

async function run(file: string, options: Parameters<typeof diagramCommand>[1]) {
  const lines: string[] = [];
  const code = await diagramCommand(file, options, (line) => lines.push(line));
  return { code, output: lines.join('\n') };
}

describe('diagramCommand', () => {
  it('writes the diagram to --output instead of stdout', async () => {
    const output = join(scratch, 'flow.mmd');
    expect(await run('test/fixtures/diagram-sample.json', { format: 'mermaid', output })).toStrictEqual({ code: 0, output: '' });
    expect(await readFile(output, 'utf8')).toMatch(/^flowchart TD\n[\s\S]*w_orphan unreachable\n$/);
  });

  it('still draws a flow that has validation errors', async () => {
    const invalid = join(scratch, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ description: 'x', initial_state: 'Trigger', states: [{ name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'nowhere' }] }] }));
    const { code, output } = await run(invalid, { format: 'ascii' });
    expect(code).toBe(0);
    expect(output.split('\n')).toContain('  1.1 - incomingMessage → nowhere (no such widget)');
  });

  it('exits 1 naming the problem when the file is missing, not JSON or not a flow', async () => {
    const garbage = join(scratch, 'garbage.json');
    await writeFile(garbage, '{"states": [');
    expect(await run(join(scratch, 'missing.json'), { format: 'ascii' })).toMatchObject({ code: 1, output: expect.stringMatching(/missing\.json: not a flow: Cannot read the file: ENOENT/) });
    expect(await run(garbage, { format: 'svg' })).toMatchObject({ code: 1, output: expect.stringContaining('garbage.json: not a flow: JSON syntax error') });
    expect(await run('package.json', { format: 'ascii' })).toStrictEqual({ code: 1, output: 'package.json: not a flow: #/states: missing, array expected' });
  });

  it('exits 1 when --output cannot be written', async () => {
    const { code, output } = await run('test/fixtures/diagram-sample.json', { format: 'ascii', output: join(scratch, 'no-such-dir', 'out.txt') });
    expect(code).toBe(1);
    expect(output).toMatch(/^error: cannot write .*out\.txt: ENOENT/);
  });
});
