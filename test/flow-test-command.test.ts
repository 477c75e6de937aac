import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { testCommand, type TestOptions } from '../src/cli/test-command.ts';
import { throwawayServer } from '../src/server/server.ts';
import { childProcessTimeout, runSwitchboard } from './support/child-process.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { farSide } from './support/far-side.ts';

let folder: string;

/** An SMS flow: asks a name, looks it up over HTTP, stores it, answers. */
const smsFlow = flowOf(
  { incomingMessage: 'ask', incomingRequest: 'ask' },
  widget('ask', 'send-and-wait-for-reply', { body: 'What is your name?', timeout: '600' }, { incomingMessage: 'lookup', timeout: 'too_slow' }),
  widget(
    'lookup',
    'make-http-request',
    { method: 'POST', url: 'https://crm.example/people', content_type: 'application/json;charset=utf-8', body: '{"name": {{widgets.ask.inbound.Body | to_json}}}' },
    { success: 'remember', failed: 'sorry' },
  ),
  widget('remember', 'set-variables', { variables: [{ key: 'name', value: '{{widgets.ask.inbound.Body}}' }, { key: 'now', value: '{{ "now" | date: "%Y-%m-%dT%H:%M" }}' }, { key: 'execution', value: '{{flow.sid}}' }] }, { next: 'greet' }),
  widget('greet', 'send-message', { body: 'Hello {{flow.variables.name}}, you are customer {{widgets.lookup.parsed.id}}.' }),
  widget('sorry', 'send-message', { body: 'Our records are down ({{widgets.lookup.status_code}}).' }),
  widget('too_slow', 'send-message', { body: 'Bye for now.' }),
);

/** A voice flow: a menu by keys or speech, and a goodbye on timeout. */
const voiceFlow = flowOf(
  { incomingCall: 'menu' },
  widget('menu', 'gather-input-on-call', { say: 'Press 1 or say sales.', timeout: 5, number_of_digits: 1, speech_timeout: 'auto' }, { keypress: 'route', speech: 'route', timeout: 'goodbye' }),
  widget('route', 'split-based-on', { input: '{{widgets.menu.Digits}}{{widgets.menu.SpeechResult}}' }, [
    { event: 'noMatch', next: 'goodbye' },
    { event: 'match', next: 'sales', conditions: [{ friendly_name: 'sales', arguments: ['{{widgets.menu.Digits}}{{widgets.menu.SpeechResult}}'], type: 'matches_any_of', value: '1,sales' }] },
  ] as never),
  widget('sales', 'say-play', { say: 'Connecting you to sales.' }, { audioComplete: 'goodbye' }),
  widget('goodbye', 'say-play', { say: 'Goodbye.' }),
);

const header = (flow: string, extra = '') => `flow: ${flow}\ncontact: "+15555550123"\n${extra}`;
const crmMock = 'mocks:\n  - url: https://crm.example/*\n    method: POST\n    status: 201\n    body: { id: 42 }\n';

const passingSms = `${header('sms-flow.json', crmMock)}tests:
  - name: greets a customer by name
    turns:
      - send: hi
      - expect: { message: What is your name? }
      - send: Ada
      - expect:
          message: { template: "Hello {{name}}, you are customer {{id}}." }
          http: { url: https://crm.example/people, method: POST, body: { name: Ada } }
          variables: { name: Ada, now: "2025-12-31T16:00" }
          widgets: { lookup: { status_code: 201, parsed: { id: 42 } } }
          path: [ask, lookup, remember, greet]
          ended: true
          no_message: true
  - name: gives up after ten minutes
    start: "2026-05-01T12:00:00Z"
    turns:
      - send: hi
      - expect: { message: { matches: "name\\\\?$" }, ended: false }
      - wait: 9m
      - expect: { ended: false }
      - wait: timeout
      - expect: { message: Bye for now., ended: true }
`;

async function write(name: string, content: string): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

async function run(paths: string[], options: TestOptions = {}): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const code = await testCommand(paths, options, { print: (line) => lines.push(line) });
  return { code, output: lines.join('\n') };
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'flow-test-command-'));
  await write('sms-flow.json', JSON.stringify(smsFlow));
  await write('voice-flow.json', JSON.stringify(voiceFlow));
});

describe('switchboard test', () => {
  it('runs a conversation and checks every kind of expectation', async () => {
    const file = await write('sms.flowtest.yaml', passingSms);
    const { code, output } = await run([file]);
    expect(output).toContain('Running 2 tests in 1 file');
    expect(output).toMatch(/✓ .*sms\.flowtest\.yaml › greets a customer by name \(\d+ ms\)/);
    expect(output).toMatch(/✓ .*› gives up after ten minutes/);
    expect(output.split('\n').at(-1)).toBe('2 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('prints the turn, the expected and actual values and the steps so far, and exits 1', async () => {
    const file = await write('failing.flowtest.yaml', passingSms.replace('{{name}}, you are customer {{id}}.', '{{name}}!'));
    const { code, output } = await run([file]);
    expect(code).toBe(1);
    expect(output).toContain(
      [
        '    expect message (turn 4, line 15)',
        '    expected: a message text like "Hello {{name}}!"',
        '    actual:   "Hello Ada, you are customer 42."',
        '    steps so far:',
        '      Trigger --incomingMessage--> ask',
        '      ask --incomingMessage--> lookup',
        '      lookup --success--> remember',
        '      remember --next--> greet',
        '      greet --sent--> Ended',
      ].join('\n'),
    );
    expect(output.split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it.each([
    ['variables', 'variables: { name: Ada, now: "2025-12-31T16:00" }', 'variables: { name: Bob }', 'expected: flow.variables.name = "Bob"', 'actual:   flow.variables.name = "Ada"'],
    ['widgets', 'widgets: { lookup: { status_code: 201, parsed: { id: 42 } } }', 'widgets: { lookup: { status_code: 500 } }', 'expected: widgets.lookup.status_code = 500', 'actual:   widgets.lookup.status_code = 201'],
    ['path', 'path: [ask, lookup, remember, greet]', 'path: [ask, greet]', 'expected: ask → greet', 'actual:   ask → lookup → remember → greet'],
    ['http', 'http: { url: https://crm.example/people, method: POST, body: { name: Ada } }', 'http: { url: https://crm.example/people, body: { name: Bob } }', 'expected: a request to https://crm.example/people with body {"name":"Bob"}', 'actual:   POST https://crm.example/people {"name": "Ada"}'],
    ['ended', 'ended: true', 'ended: false', 'expected: the execution to be active', 'actual:   it has ended'],
  ])('reports a wrong %s expectation', async (check, right, wrong, expected, actual) => {
    const file = await write(`wrong-${check}.flowtest.yaml`, passingSms.replace(right, wrong));
    const { code, output } = await run([file]);
    expect(code).toBe(1);
    expect(output).toContain(`expect ${check} (turn 4,`);
    expect(output).toContain(expected);
    expect(output).toContain(actual);
  });

  it('fails a test whose flow calls a URL no mock answers, naming it, unless --allow-net', async () => {
    const noMock = await write('no-mock.flowtest.yaml', passingSms.replace(crmMock, '').split('  - name: gives up')[0]);
    const refused = await run([noMock]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('actual:   no mock for POST https://crm.example/people (add one under "mocks", or run with --allow-net)');

    const crm = await farSide((_request, response) => response.writeHead(201, { 'content-type': 'application/json' }).end('{"id": 42}'));
    try {
      const flow = JSON.stringify(smsFlow).replace('https://crm.example/people', `${crm.url}/people`);
      await write('net-flow.json', flow);
      const net = await write('net.flowtest.yaml', `${header('net-flow.json')}tests:\n  - name: real crm\n    turns:\n      - send: hi\n      - send: Ada\n      - expect: { message: What is your name? }\n      - expect: { message: "Hello Ada, you are customer 42.", http: { url: "${crm.url}/people", body: { name: Ada } } }\n`);
      expect((await run([net])).code).toBe(1);
      const allowed = await run([net], { allowNet: true });
      expect(allowed.output).toContain('1 passed, 0 failed');
      expect(crm.requests).toHaveLength(1);
    } finally {
      await crm.close();
    }
  });

  it('warns of a mock no test used, and answers with a failing status or a timeout', async () => {
    const file = await write(
      'mocks.flowtest.yaml',
      `${header('sms-flow.json')}mocks:
  - url: https://unused.example/
tests:
  - name: the CRM is down
    mocks: [{ url: "https://crm.example/people", status: 503, body: down }]
    turns: [{ send: hi }, { send: Ada }, { expect: { message: What is your name? } }, { expect: { message: "Our records are down (503).", path: [ask, lookup, sorry] } }]
  - name: the CRM is slow
    mocks: [{ url: "https://crm.example/people", delay: 11s }]
    turns: [{ send: hi }, { send: Ada }, { expect: { message: What is your name? } }, { expect: { message: "Our records are down ().", path: [ask, lookup, sorry] } }]
`,
    );
    const { code, output } = await run([file]);
    expect(output).toContain('warning: ');
    expect(output).toContain('the mock for any method https://unused.example/ was never used');
    expect(output).toContain('2 passed, 0 failed');
    expect(code).toBe(0);
  });

  it('calls a voice flow: hears prompts, presses keys, speaks, waits out a gather and hangs up', async () => {
    const file = await write(
      'voice.flowtest.yaml',
      `${header('voice-flow.json', 'channel: voice\nnumber: "+15555550101"\n')}tests:
  - name: presses 1
    turns:
      - expect: { heard: Press 1 or say sales. }
      - press: 1
      - expect: { heard: Connecting you to sales. }
      - expect: { heard: Goodbye., path: [menu, route, sales, goodbye], widgets: { menu: { Digits: "1" } } }
  - name: says sales
    turns:
      - say: sales
      - expect: { heard: { template: "Press {{n}} or say sales." }, widgets: { menu: { SpeechResult: sales } } }
      - expect: { heard: Connecting you to sales. }
  - name: says nothing
    turns:
      - wait: timeout
      - expect: { path: [menu, goodbye] }
  - name: hangs up at the menu
    turns:
      - hangup
      - expect: { path: [menu], ended: true }
      - press: 1
`,
    );
    const { output } = await run([file]);
    expect(output).toMatch(/✓ .*› presses 1/);
    expect(output).toMatch(/✓ .*› says sales/);
    expect(output).toMatch(/✓ .*› says nothing/);
    // Keys after the call has ended cannot be pressed.
    expect(output).toContain('    press: 1 (turn 3, line 25)\n    expected: a call in progress\n    actual:   the call has ended');
  });

  it('starts a REST execution with parameters as flow.data', async () => {
    const flow = JSON.stringify(smsFlow).replace('What is your name?', 'Hi {{flow.data.first}}, what is your full name?');
    await write('rest-flow.json', flow);
    const file = await write('rest.flowtest.yaml', `${header('rest-flow.json', `channel: rest\nparameters: { first: Ada }\n${crmMock}`)}tests:\n  - name: asks first\n    turns:\n      - expect: { message: "Hi Ada, what is your full name?" }\n      - send: Ada Lovelace\n      - expect: { message: { matches: "^Hello Ada Lovelace" } }\n`);
    const { output } = await run([file]);
    expect(output).toContain('1 passed, 0 failed');
  });

  it('talks to a flow in a conversation', async () => {
    await write('conversation-flow.json', JSON.stringify({ ...smsFlow, states: smsFlow.states.map((state) => (state.type === 'trigger' ? { ...state, transitions: [{ event: 'incomingConversationMessage', next: 'ask' }] } : state)) }));
    const file = await write(
      'conversation.flowtest.yaml',
      `${header('conversation-flow.json', `channel: conversation\n${crmMock}`)}tests:\n  - name: in a conversation\n    turns:\n      - send: hello\n      - expect: { message: What is your name?, ended: false }\n      - send: Ada\n      - expect: { message: "Hello Ada, you are customer 42.", path: [ask, lookup, remember, greet], ended: true }\n`,
    );
    const { output } = await run([file]);
    expect(output).toContain('1 passed, 0 failed');
  });

  it('gives a test the same SIDs and times alone as after other tests', async () => {
    const probe = await write('probe.flowtest.yaml', `${header('sms-flow.json', crmMock)}tests:\n  - name: probe\n    turns: [{ send: hi }, { send: Ada }, { expect: { variables: { execution: none } } }]\n`);
    const alone = await run([probe]);
    const after = await run([join(folder, 'sms.flowtest.yaml'), join(folder, 'mocks.flowtest.yaml'), probe]);
    const executionSid = (output: string) => /actual: {3}flow\.variables\.execution = "(FN[0-9a-f]{32})"/.exec(output)?.[1];
    expect(executionSid(alone.output)).toBeDefined();
    expect(executionSid(after.output)).toBe(executionSid(alone.output));
  });

  it('reports coverage per flow and fails under --coverage-min', async () => {
    const file = join(folder, 'sms.flowtest.yaml');
    const { code, output } = await run([file], { coverage: true });
    expect(code).toBe(0);
    expect(output).toContain('sms-flow.json: widgets 5/6 (83%), transitions 5/7 (71%)');
    expect(output).toMatch(/ {2}✗ sorry +send-message/);
    expect(output).toMatch(/ {2}✓ lookup +make-http-request +✓ success→remember {2}✗ failed→sorry/);
    const strict = await run([file], { coverageMin: '90' });
    expect(strict.code).toBe(1);
    expect(strict.output).toContain('coverage 71% is under --coverage-min 90%');
    expect((await run([file], { coverageMin: 'lots' })).code).toBe(2);
  });

  it('writes JUnit XML', async () => {
    const report = join(folder, 'report.xml');
    await run([join(folder, 'sms.flowtest.yaml'), join(folder, 'failing.flowtest.yaml')], { junit: report });
    const xml = await readFile(report, 'utf8');
    expect(xml).toMatch(/<testsuites name="switchboard test" tests="4" failures="1"/);
    expect(xml).toContain('<failure message="expected: a message text like &quot;Hello {{name}}!&quot;">');
    const nowhere = await run([join(folder, 'sms.flowtest.yaml')], { junit: join(folder, 'sms-flow.json', 'report.xml') });
    expect(nowhere.code).toBe(1);
    expect(nowhere.output).toMatch(/✗ cannot write the JUnit report .*report\.xml: ENOTDIR/);
  });

  it('reports a bad test file by file, line and field, and still runs the others', async () => {
    const bad = await write('bad.flowtest.yaml', `${header('sms-flow.json')}tests:\n  - name: typo\n    turns:\n      - sendd: hi\n`);
    const badFlow = await write('bad-flow.flowtest.yaml', `${header('missing.json')}tests:\n  - name: t\n    turns: [{ send: hi }]\n`);
    const { code, output } = await run([bad, badFlow, join(folder, 'sms.flowtest.yaml')]);
    expect(code).toBe(1);
    expect(output).toContain(`✗ ${bad}:6: tests[0].turns[0].sendd: is not a kind of turn`);
    expect(output).toMatch(/✗ .*bad-flow\.flowtest\.yaml:1: flow: the flow .*missing\.json is not valid: .*Cannot read the file/);
    expect(output).toContain('2 passed, 2 failed');
  });

  it('finds test files in folders, and says when there are none', async () => {
    const { output } = await run([folder]);
    expect(output).toMatch(/Running \d+ tests in \d+ files/);
    const empty = await mkdtemp(join(tmpdir(), 'no-flow-tests-'));
    const none = await run([empty, join(folder, 'nothing-here.flowtest.yaml')]);
    expect(none.code).toBe(1);
    expect(none.output).toContain('nothing-here.flowtest.yaml: no such file or folder');
  });

  it('reads the flow from a server revision', async () => {
    const server = await throwawayServer({ clock: 'virtual' });
    try {
      const auth = `Basic ${Buffer.from(`${server.account.sid}:${server.account.authToken}`).toString('base64')}`;
      const created = await fetch(`${server.url}/v2/Flows`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ FriendlyName: 'remote', Status: 'published', Definition: JSON.stringify(smsFlow) }),
      });
      const { sid } = (await created.json()) as { sid: string };
      const file = await write('remote.flowtest.yaml', `flow: { server: "${server.url}", sid: ${sid}, revision: 1 }\n${crmMock}tests:\n  - name: remote\n    turns: [{ send: hi }, { expect: { message: What is your name? } }]\n`);
      vi.stubEnv('TWILIO_ACCOUNT_SID', server.account.sid);
      vi.stubEnv('TWILIO_AUTH_TOKEN', server.account.authToken);
      expect((await run([file])).output).toContain('1 passed, 0 failed');
      vi.stubEnv('TWILIO_AUTH_TOKEN', 'wrong');
      expect((await run([file])).output).toMatch(/remote\.flowtest\.yaml:1: flow: GET .*\/Revisions\/1 answered 401/);
    } finally {
      vi.unstubAllEnvs();
      await server.close();
    }
  });

  it('runs again when a test file changes, with --watch', async () => {
    const file = await write('watched.flowtest.yaml', passingSms);
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let onLine = () => {};
    const linesIncluding = (text: string, count: number) =>
      new Promise<void>((resolve) => {
        onLine = () => lines.filter((line) => line.includes(text)).length >= count && resolve();
        onLine();
      });
    const done = testCommand([file], { watch: true }, { print: (line) => (lines.push(line), onLine()), stopped });
    await linesIncluding('Watching for changes', 1);
    expect(lines).toContain('2 passed, 0 failed');
    await writeFile(file, passingSms.replace('Hello {{name}}', 'Hi {{name}}'));
    await linesIncluding('Watching for changes', 2);
    expect(lines).toContain('Change in watched.flowtest.yaml; running again');
    expect(lines).toContain('1 passed, 1 failed');
    stop();
    expect(await done).toBe(0);
  });
});

describe('the switchboard test command line', () => {
  it('exits 1 when a test fails and 0 when all pass', { timeout: childProcessTimeout }, async () => {
    const passing = await runSwitchboard(['test', join(folder, 'sms.flowtest.yaml')]);
    expect(passing.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
    expect(passing.code).toBe(0);
    const failing = await runSwitchboard(['test', join(folder, 'failing.flowtest.yaml')]);
    expect(failing.code).toBe(1);
  });
});
