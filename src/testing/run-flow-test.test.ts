import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCommand } from '../cli/test-command.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-run-flow-test-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('a rest test', () => {
  it('answers the call the trigger makes at once as its leading answer: turns say', async () => {
    const file = join(scratch, 'busy.flowtest.yaml');
    await writeFile(file, [
      `flow: ${JSON.stringify(resolve('examples/reminder-call.json'))}`,
      'channel: rest',
      'parameters: { date: Monday }',
      'tests:',
      '  - name: busy',
      '    turns:',
      '      - answer: busy',
      '      - expect:',
      '          path: [call, text_instead]',
      '',
    ].join('\n'));
    const lines: string[] = [];
    const code = await testCommand([file], {}, { print: (line) => lines.push(line) });
    expect(lines.join('\n')).toContain('1 passed, 0 failed');
    expect(code).toBe(0);
  });
});
