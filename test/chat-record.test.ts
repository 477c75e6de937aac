import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chatCommand } from '../src/cli/chat-command.ts';
import { testCommand } from '../src/cli/test-command.ts';
import { projectRoot as root } from './support/child-process.ts';
import { farSide } from './support/far-side.ts';

/** `switchboard chat --record`: the session just had, written as a flow test file. */
let scratch: string;
let kitchen: Awaited<ReturnType<typeof farSide>>;
const orderBot = join(root, 'examples/order-bot.json');

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-record-'));
  // The far side: a kitchen API that takes orders, and a menu service a voice flow reads.
  kitchen = await farSide((request, response) => {
    if (request.url.startsWith('/menu')) {
      response.setHeader('content-type', 'text/plain');
      response.end('Today: soup');
      return;
    }
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify({ order_id: 'A17', ready_in_minutes: 25 }));
  });
});
afterAll(() => kitchen.close());

/** `switchboard test` on a recorded file, offline: its exit code and what it printed. */
async function replay(file: string) {
  const printed: string[] = [];
  const code = await testCommand([file], {}, { print: (line) => printed.push(line) });
  return { code, printed: printed.join('\n') };
}

/** Runs the chat in-process with these lines as the contact's input; the printed lines and the recorded file. */
async function chat(flow: string, options: Record<string, string | boolean>, input: string, file: string) {
  const printed: string[] = [];
  const code = await chatCommand(
    flow,
    { from: '+15550001234', to: '+15555550199', ...options, record: file },
    { input: Readable.from([input]), print: (line) => printed.push(line), echo: true },
  );
  return { code, printed, test: parse(await readFile(file, 'utf8')) };
}

describe('switchboard chat --record', () => {
  it('writes a REST-started SMS conversation as turns, with the kitchen API as a mock', async () => {
    const file = join(scratch, 'order.flowtest.yaml');
    const ordersUrl = `${kitchen.url}/orders`;
    const { code, printed, test } = await chat(orderBot, { data: JSON.stringify({ orders_url: ordersUrl }) }, 'pizza\n3\nyes\n', file);
    expect(code).toBe(0);
    expect(printed.at(-1)).toBe(`Recorded ${file}`);
    expect(test).toMatchObject({
      flow: relative(scratch, orderBot),
      channel: 'rest',
      contact: '+15550001234',
      number: '+15555550199',
      parameters: { orders_url: ordersUrl },
      mocks: [{ url: ordersUrl, method: 'POST', status: 200, body: { order_id: 'A17', ready_in_minutes: 25 }, content_type: 'application/json; charset=utf-8' }],
    });
    expect(test.tests).toHaveLength(1);
    expect(test.tests[0].name).toBe('recorded chat');
    const turns = test.tests[0].turns;
    expect(turns.slice(0, -1)).toEqual([
      { expect: { message: 'What would you like? Reply PIZZA ($12), SALAD ($8) or SODA ($2). Reply STOP to cancel.' } },
      { send: 'pizza' },
      { expect: { message: 'How many pizza orders? Reply a number from 1 to 10.' } },
      { send: '3' },
      { expect: { message: '3 x pizza = $36. Reply YES to order or NO to cancel.' } },
      { send: 'yes' },
      { expect: { message: 'Order A17 is in the oven. Ready in 25 minutes!' } },
    ]);
    expect(turns.at(-1)).toEqual({
      expect: {
        path: ['init_order', 'ask_item', 'route_item', 'save_item', 'ask_quantity', 'check_quantity', 'save_quantity', 'confirm_order', 'check_confirmation', 'place_order', 'send_confirmation'],
        ended: true,
      },
    });
    expect(await replay(file)).toEqual({ code: 0, printed: expect.stringContaining('1 passed, 0 failed') });
  });

  it('writes an SMS chat with /timeout as wait: timeout, and an execution still going as ended: false', async () => {
    const file = join(scratch, 'sms.flowtest.yaml');
    const { test } = await chat(orderBot, {}, 'hello\n/timeout\nsoda\n', file);
    expect(test.channel).toBe('sms');
    expect(test.parameters).toBeUndefined();
    expect(test.mocks).toEqual([]);
    const turns = test.tests[0].turns;
    expect(turns.slice(0, 4)).toEqual([
      { send: 'hello' },
      { expect: { message: 'What would you like? Reply PIZZA ($12), SALAD ($8) or SODA ($2). Reply STOP to cancel.' } },
      { wait: 'timeout' },
      { expect: { message: 'We did not hear back, so nothing was ordered.' } },
    ]);
    // "soda" starts a new execution, which then waits: the path is that execution's.
    expect(turns.slice(4, 6)).toEqual([{ send: 'soda' }, { expect: { message: 'What would you like? Reply PIZZA ($12), SALAD ($8) or SODA ($2). Reply STOP to cancel.' } }]);
    expect(turns.at(-1)).toEqual({ expect: { path: ['init_order', 'ask_item'], ended: false } });
    expect(await replay(file)).toEqual({ code: 0, printed: expect.stringContaining('1 passed, 0 failed') });
  });

  it('writes a voice call: what was heard, the keys, the timeout and the hangup, with the HTTP the flow made', async () => {
    const flow = join(scratch, 'menu-ivr.json');
    await writeFile(flow, JSON.stringify({
      description: 'Reads the menu from a service, then asks for a key',
      initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingCall', next: 'fetch_menu' }] },
        { name: 'fetch_menu', type: 'make-http-request', properties: { method: 'GET', url: `${kitchen.url}/menu`, content_type: 'application/x-www-form-urlencoded;charset=utf-8' },
          transitions: [{ event: 'success', next: 'ask' }, { event: 'failed' }] },
        { name: 'ask', type: 'gather-input-on-call', properties: { say: '{{widgets.fetch_menu.body}}. Press 1 to order.', number_of_digits: 1, timeout: 5 },
          transitions: [{ event: 'keypress', next: 'thanks' }, { event: 'speech' }, { event: 'timeout', next: 'ask' }] },
        { name: 'thanks', type: 'say-play', properties: { say: 'Thank you.' }, transitions: [{ event: 'audioComplete', next: 'hold' }] },
        { name: 'hold', type: 'say-play', properties: { play: 'https://example.com/hold.mp3' }, transitions: [{ event: 'audioComplete', next: 'ask' }] },
      ],
    }));
    const file = join(scratch, 'voice.flowtest.yaml');
    const { code, printed, test } = await chat(flow, { voice: true }, '/timeout\n1\n', file);
    expect(code).toBe(0);
    expect(printed.at(-1)).toBe(`Recorded ${file}`);
    expect(test).toMatchObject({ flow: 'menu-ivr.json', channel: 'voice', contact: '+15550001234', number: '+15555550199' });
    expect(test.mocks).toEqual([{ url: `${kitchen.url}/menu`, method: 'GET', status: 200, body: 'Today: soup', content_type: 'text/plain' }]);
    expect(test.tests[0].name).toBe('recorded call');
    expect(test.tests[0].turns).toEqual([
      { expect: { heard: 'Today: soup. Press 1 to order.' } },
      { wait: 'timeout' },
      { expect: { heard: 'Today: soup. Press 1 to order.' } },
      { press: '1' },
      { expect: { heard: 'Thank you.' } },
      { expect: { heard: 'https://example.com/hold.mp3' } },
      { expect: { heard: 'Today: soup. Press 1 to order.' } },
      'hangup',
      { expect: { path: ['fetch_menu', 'ask', 'ask', 'thanks', 'hold', 'ask'], ended: true } },
    ]);
    expect(await replay(file)).toEqual({ code: 0, printed: expect.stringContaining('1 passed, 0 failed') });
  });

  it('refuses to record a flow read from stdin', async () => {
    const printed: string[] = [];
    const code = await chatCommand('-', { from: '+15550001234', to: '+15555550199', record: join(scratch, 'x.flowtest.yaml') }, { input: Readable.from(['']), print: (line) => printed.push(line), echo: true });
    expect(code).toBe(1);
    expect(printed).toEqual(['--record needs a flow file: the recorded test names it']);
  });

  it('makes the folder it records into, and says why when it cannot write there', async () => {
    const nested = join(scratch, 'new', 'folder', 'chat.flowtest.yaml');
    const { code, printed } = await chat(orderBot, {}, 'hi\n', nested);
    expect(code).toBe(0);
    expect(printed.at(-1)).toBe(`Recorded ${nested}`);

    const unwritable: string[] = [];
    const refused = await chatCommand(orderBot, { from: '+15550001234', to: '+15555550199', record: join(scratch, 'new', 'folder', 'chat.flowtest.yaml', 'inside-a-file.flowtest.yaml') }, { input: Readable.from(['hi\n']), print: (line) => unwritable.push(line), echo: true });
    expect(refused).toBe(1);
    expect(unwritable.at(-1)).toMatch(/^Cannot write .*inside-a-file\.flowtest\.yaml: .*(EEXIST|ENOTDIR)/);
  });
});
