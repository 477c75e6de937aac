import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCommand } from '../src/cli/test-command.ts';
import { readFlowTestFile } from '../src/testing/read-flow-test.ts';

// Every example flow runs in one in-process world: a few seconds, well over vitest's default.
const timeout = 60_000;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-example-tests-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function run(paths: string[], options: Parameters<typeof testCommand>[1]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await testCommand(paths, options, { print: (line) => lines.push(line) });
  return { code, output: lines.join('\n') };
}

describe('the example flows’ tests', () => {
  it('all pass, with more than 90% widget and transition coverage of every example flow', { timeout }, async () => {
    const testFiles = (await readdir('examples/tests')).filter((name) => name.endsWith('.flowtest.yaml'));
    const files = await Promise.all(testFiles.map((name) => readFlowTestFile(resolve('examples/tests', name))));
    const total = files.reduce((sum, file) => sum + file.tests.length, 0);

    const { code, output } = await run(['examples'], { coverageMin: '91' });

    expect(output).toContain(`\n${total} passed, 0 failed`);
    expect(code).toBe(0);
    const flows = (await readdir('examples')).filter((name) => name.endsWith('.json'));
    expect(flows.length).toBeGreaterThanOrEqual(5);
    for (const flow of flows) expect(output).toMatch(new RegExp(`^examples/${flow.replace('.', '\\.')}: widgets \\d+/\\d+ \\(\\d+%\\), transitions`, 'm'));
  });

  it('fail with what was expected, what came, and the steps when an expected message is wrong', { timeout }, async () => {
    const original = await readFile('examples/tests/order-bot.flowtest.yaml', 'utf8');
    const broken = original
      .replace('flow: ../order-bot.json', `flow: ${JSON.stringify(resolve('examples/order-bot.json'))}`)
      .replace('message: Order A17 is in the oven. Ready in 20 minutes!', 'message: Order A17 is ready now!');
    expect(broken).not.toBe(original);
    const file = join(scratch, 'order-bot.flowtest.yaml');
    await writeFile(file, broken);

    const { code, output } = await run([file], {});

    expect(code).toBe(1);
    expect(output).toContain('✗ ');
    expect(output).toContain('    expected: a message "Order A17 is ready now!"');
    expect(output).toContain('    actual:   "Order A17 is in the oven. Ready in 20 minutes!"');
    expect(output).toContain('    steps so far:\n      Trigger --incomingMessage--> init_order');
    expect(output).toMatch(/\n\d+ passed, 1 failed/);
  });
});
