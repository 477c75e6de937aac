import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcessTimeout, projectRoot as root, runSwitchboard } from './support/child-process.ts';
import { farSide } from './support/far-side.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-cli-'));
});

describe('switchboard validate', { timeout: childProcessTimeout }, () => {
  it('passes the examples and exits 0', async () => {
    const run = await runSwitchboard(['validate', 'examples/order-bot.json', 'examples/keyword-router.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('examples/order-bot.json: valid (0 errors, 0 warnings)');
  });

  it('prints errors with their paths and exits 1 when a file is invalid', async () => {
    const bad = join(scratch, 'bad.json');
    await writeFile(bad, JSON.stringify({
      description: 'bad', initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'wait' }] },
        { name: 'wait', type: 'send-and-wait-for-reply', properties: { body: 'hi', timeout: 3600 }, transitions: [] },
      ],
    }));
    const run = await runSwitchboard(['validate', 'examples/order-bot.json', bad]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${bad}: INVALID (1 error, 0 warnings)`);
    expect(run.stdout).toContain('error   #/states/1/properties/timeout (state "wait"): integer found, string expected');
  });

  it('prints JSON with --json, for files that are missing or not JSON too', async () => {
    const garbage = join(scratch, 'garbage.json');
    await writeFile(garbage, '{"states": [1, 2,');
    const run = await runSwitchboard(['validate', '--json', 'examples/order-bot.json', garbage, join(scratch, 'missing.json')]);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(results.map((result: { file: string; valid: boolean }) => [result.file, result.valid])).toEqual([
      ['examples/order-bot.json', true],
      [garbage, false],
      [join(scratch, 'missing.json'), false],
    ]);
    expect(results[1].errors[0].message).toMatch(/^JSON syntax error: .*line 1/);
    expect(results[2].errors[0].message).toMatch(/^Cannot read the file: ENOENT/);
    expect(results[0]).toEqual({ file: 'examples/order-bot.json', valid: true, errors: [], warnings: [] });
  });

  it('reads a legacy flow from stdin and says it was converted', async () => {
    const legacy = JSON.stringify({
      description: 'old',
      states: [
        { sid: 'FF' + '1'.repeat(32), name: 'Trigger', type: 'InitialState', properties: { offset: { x: 0, y: 0 }, flow_url: 'https://x' },
          transitions: [{ event: 'incomingMessage', next: 'FF' + '2'.repeat(32), conditions: [], uuid: 'u1' }] },
        { sid: 'FF' + '2'.repeat(32), name: 'reply', type: 'Message', properties: { body: 'hi', media_url: null },
          transitions: [{ event: 'sent', next: null, conditions: [], uuid: 'u2' }] },
      ],
    });
    const run = await runSwitchboard(['validate', '-'], legacy);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('warning #: The definition was in the legacy (pre-2019) Studio format');
  });
});

describe('switchboard chat', { timeout: childProcessTimeout }, () => {
  let kitchen: Awaited<ReturnType<typeof farSide>>;
  let ordersUrl: string;
  const orders = () => kitchen.requests.map((request) => JSON.parse(request.body));

  beforeAll(async () => {
    // The far side of the network: the kitchen API the order bot posts to.
    kitchen = await farSide((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ order_id: 'A17', ready_in_minutes: 25 }));
    });
    ordersUrl = `${kitchen.url}/orders`;
  });
  afterAll(() => kitchen.close());

  it('holds a whole conversation with the order bot, piped from a file', async () => {
    const run = await runSwitchboard(
      ['chat', 'examples/order-bot.json', '--from', '+15550001234', '--data', JSON.stringify({ orders_url: ordersUrl })],
      createReadStream(join(root, 'test/fixtures/order-conversation.txt')),
    );
    expect(run.code).toBe(0);
    const transcript = run.stdout.split('\n').filter((line) => line.startsWith('<') || line.startsWith('>'));
    expect(transcript).toEqual([
      '< What would you like? Reply PIZZA ($12), SALAD ($8) or SODA ($2). Reply STOP to cancel.',
      '> burger',
      "< Sorry, I didn't catch that. What would you like? Reply PIZZA ($12), SALAD ($8) or SODA ($2). Reply STOP to cancel.",
      '> pizza',
      '< How many pizza orders? Reply a number from 1 to 10.',
      '> lots',
      '< Please reply with a whole number.',
      '< How many pizza orders? Reply a number from 1 to 10.',
      '> 12',
      '< Our ovens take at most 10 at a time.',
      '< How many pizza orders? Reply a number from 1 to 10.',
      '> 3',
      '< 3 x pizza = $36. Reply YES to order or NO to cancel.',
      '> yes',
      '< Order A17 is in the oven. Ready in 25 minutes!',
    ]);
    expect(run.stdout).toContain('[execution ended]');
    expect(orders()).toEqual([{ customer: '+15550001234', item: 'pizza', quantity: 3, total: 36 }]);
  });

  it('fires the pending timeout with /timeout and prints steps with --steps', async () => {
    const run = await runSwitchboard(['chat', 'examples/order-bot.json', '--steps'], 'hello\n/timeout\n');
    expect(run.stdout).toContain('  · Trigger --incomingMessage--> init_order');
    expect(run.stdout).toContain('  · ask_item --timeout--> send_timed_out');
    expect(run.stdout).toContain('< We did not hear back, so nothing was ordered.');
  });

  it('tells the kitchen is unreachable through the failed path', async () => {
    const run = await runSwitchboard(['chat', 'examples/order-bot.json', '--data', '{"orders_url": "http://127.0.0.1:9/orders"}'], 'soda\n1\ny\n');
    expect(run.stdout).toContain("< Sorry, the kitchen didn't take the order (no answer). Please call us instead.");
  });

  it('refuses --data that is not a JSON object and a flow that is not valid', async () => {
    expect((await runSwitchboard(['chat', 'examples/order-bot.json', '--data', '[1]'])).stdout).toContain('--data must be a JSON object');
    expect((await runSwitchboard(['chat', 'examples/order-bot.json', '--data', '{oops'])).code).toBe(1);
    const missing = await runSwitchboard(['chat', join(scratch, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('is not a valid flow');
  });
});

describe('switchboard serve', { timeout: childProcessTimeout }, () => {
  it('refuses a voice option it does not know, or a value of the wrong kind, before starting', async () => {
    const unknown = await runSwitchboard(['serve', '--db', ':memory:', '--voice-option', 'loud=true']);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('unknown voice option "loud=true"');
    const wrong = await runSwitchboard(['serve', '--db', ':memory:', '--voice-option', 'emptyRecording=drop']);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('emptyRecording is fall-through or action');
  });
});
