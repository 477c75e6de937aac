import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowDefinition } from '../flow/definition.ts';
import { convertLegacyDefinition } from '../flow/legacy-import.ts';
import { diffCommand } from './diff-command.ts';

/** A trigger → greet (send-message) → farewell (send-message). */
function greetingFlow(): FlowDefinition {
  return {
    description: 'Greeting',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        properties: { offset: { x: 0, y: 0 } },
        transitions: [{ event: 'incomingMessage', next: 'greet' }, { event: 'incomingCall' }, { event: 'incomingRequest' }],
      },
      {
        name: 'greet',
        type: 'send-message',
        properties: { offset: { x: 0, y: 200 }, body: 'Hello', from: '{{flow.channel.address}}', to: '{{contact.channel.address}}' },
        transitions: [{ event: 'sent', next: 'farewell' }, { event: 'failed' }],
      },
      {
        name: 'farewell',
        type: 'send-message',
        properties: { offset: { x: 0, y: 400 }, body: 'Bye', from: '{{flow.channel.address}}', to: '{{contact.channel.address}}' },
        transitions: [{ event: 'sent' }, { event: 'failed' }],
      },
    ],
  };
}

/** The same flow in the legacy (pre-2019) export format: states linked by SID. */
const sid = (digit: string) => 'FF' + digit.repeat(32);
const legacyGreetingFlow = {
  description: 'Greeting',
  states: [
    {
      type: 'InitialState',
      name: 'Trigger',
      sid: sid('1'),
      properties: { offset: { x: 0, y: 0 } },
      transitions: [
        { event: 'incomingMessage', conditions: [], next: sid('2') },
        { event: 'incomingCall', conditions: [], next: null },
        { event: 'incomingRequest', conditions: [], next: null },
      ],
    },
    {
      type: 'Message',
      name: 'greet',
      sid: sid('2'),
      properties: { offset: { x: 0, y: 200 }, body: 'Hello' },
      transitions: [{ event: 'sent', conditions: [], next: null }],
    },
  ],
};

let scratch: string;
const path = (name: string) => join(scratch, name);
async function write(name: string, value: unknown): Promise<string> {
  await writeFile(path(name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path(name);
}

/** Runs the command in-process; its exit code and what it printed to stdout and stderr. */
async function diff(a: string, b: string, options: { json?: boolean; layout?: boolean } = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await diffCommand(a, b, options, { print: (line) => stdout.push(line), printError: (line) => stderr.push(line) });
  return { code, stdout, stderr };
}

function edited(edit: (flow: FlowDefinition) => void): FlowDefinition {
  const flow = greetingFlow();
  edit(flow);
  return flow;
}
const state = (flow: FlowDefinition, name: string) => flow.states.find((each) => each.name === name)!;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-diff-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('switchboard diff', () => {
  it('finds no difference between a flow and itself, and exits 0', async () => {
    const file = await write('same.json', greetingFlow());
    expect(await diff(file, file)).toEqual({ code: 0, stdout: ['No differences.'], stderr: [] });
  });

  it('ignores key order, widget order and canvas offsets, unless --layout', async () => {
    const shuffled = edited((flow) => {
      flow.states.reverse();
      const greet = state(flow, 'greet');
      greet.properties = { to: '{{contact.channel.address}}', body: 'Hello', offset: { y: 250, x: 40 }, from: '{{flow.channel.address}}' };
    });
    const [a, b] = [await write('a.json', greetingFlow()), await write('b.json', { states: shuffled.states, initial_state: 'Trigger', flags: shuffled.flags, description: 'Greeting' })];
    expect((await diff(a, b)).code).toBe(0);
    expect(await diff(a, b, { layout: true })).toEqual({ code: 1, stdout: ['~ widget greet: moved (0, 200) → (40, 250)', '1 widget changed.'], stderr: [] });
  });

  it('prints one line per change and a summary, and exits 1', async () => {
    const after = edited((flow) => {
      state(flow, 'greet').properties.body = 'Hi there';
      state(flow, 'greet').transitions[0]!.next = 'ask';
      flow.states = flow.states.filter((each) => each.name !== 'farewell');
      flow.states.push({ name: 'ask', type: 'send-and-wait-for-reply', properties: { body: 'How are you?' }, transitions: [{ event: 'incomingMessage' }] });
      flow.description = 'Greeting, v2';
    });
    const run = await diff(await write('before.json', greetingFlow()), await write('after.json', after));
    expect(run).toEqual({
      code: 1,
      stdout: [
        '+ widget ask (send-and-wait-for-reply)',
        '- widget farewell (send-message)',
        '~ widget greet: body "Hello" → "Hi there"',
        '~ widget greet: sent → ask (was farewell)',
        '~ flow: description "Greeting" → "Greeting, v2"',
        '1 widget added, 1 widget removed, 1 widget changed, flow settings changed.',
      ],
      stderr: [],
    });
  });

  it('reports a renamed widget once, not the transitions and start that followed it', async () => {
    const after = edited((flow) => {
      state(flow, 'farewell').name = 'goodbye';
      state(flow, 'greet').transitions[0]!.next = 'goodbye';
      state(flow, 'Trigger').name = 'Start';
      flow.initial_state = 'Start';
    });
    const run = await diff(await write('before.json', greetingFlow()), await write('renamed.json', after));
    expect(run.stdout).toEqual(['→ renamed Trigger → Start', '→ renamed farewell → goodbye', '2 widgets renamed.']);
    expect(run.code).toBe(1);
  });

  it('prints the diff as JSON with --json', async () => {
    const after = edited((flow) => {
      state(flow, 'farewell').name = 'goodbye';
      state(flow, 'greet').transitions[0]!.next = 'goodbye';
    });
    const run = await diff(await write('before.json', greetingFlow()), await write('renamed.json', after), { json: true });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout.join('\n'))).toEqual({
      files: [path('before.json'), path('renamed.json')],
      same: false,
      added: [],
      removed: [],
      renamed: [{ from: 'farewell', to: 'goodbye', type: 'send-message' }],
      changed: [],
      flow: [],
    });
  });

  it('reads a legacy flow as its v2 conversion, so the two formats of one flow do not differ', async () => {
    const converted = convertLegacyDefinition(structuredClone(legacyGreetingFlow));
    const legacy = await write('legacy.json', legacyGreetingFlow);
    expect((await diff(legacy, await write('converted.json', converted))).code).toBe(0);
    const reworded = structuredClone(converted);
    state(reworded, 'greet').properties.body = 'Hi';
    expect((await diff(legacy, await write('reworded.json', reworded))).stdout).toEqual(['~ widget greet: body "Hello" → "Hi"', '1 widget changed.']);
  });

  it('exits 2 naming the file when one is missing, is not JSON, or is not a flow', async () => {
    const good = await write('good.json', greetingFlow());
    const missing = await diff(good, path('missing.json'));
    expect(missing.code).toBe(2);
    expect(missing.stdout).toEqual([]);
    expect(missing.stderr).toEqual([expect.stringMatching(new RegExp(`^${path('missing.json')}: Cannot read the file: .*ENOENT`))]);

    const garbage = await diff(await write('garbage.json', '{"states": [ nope'), good);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toEqual([expect.stringMatching(/^.*garbage\.json: JSON syntax error: .*line 1/)]);

    for (const [name, value] of [['array.json', [1, 2]], ['no-states.json', { description: 'x' }], ['bad-states.json', { initial_state: 'a', states: [1] }]] as const) {
      const run = await diff(good, await write(name, value));
      expect(run.code).toBe(2);
      expect(run.stderr).toEqual([expect.stringContaining(`${path(name)}: `)]);
    }
    expect((await diff(good, await write('no-states.json', { description: 'x' }))).stderr).toEqual([
      `${path('no-states.json')}: not a flow definition (#/states: missing, array expected)`,
    ]);
  });
});
