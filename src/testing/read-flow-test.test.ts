import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { durationSeconds, FlowTestFileError, readFlowTestFile } from './read-flow-test.ts';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'flowtest-'));
});

async function read(text: string, name = 'a.flowtest.yaml') {
  const file = join(folder, name);
  await writeFile(file, text);
  return readFlowTestFile(file);
}

async function failure(text: string): Promise<FlowTestFileError> {
  const error = await read(text).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FlowTestFileError);
  return error as FlowTestFileError;
}

describe('readFlowTestFile', () => {
  it('fills in the defaults and resolves the flow beside the test file', async () => {
    const file = await read('flow: flows/bot.json\ntests:\n  - name: hello\n    turns:\n      - send: hi\n      - expect: { message: Hello }\n      - hangup\n');
    expect(file.flow).toBe(join(folder, 'flows/bot.json'));
    expect(file.tests).toEqual([
      {
        name: 'hello',
        channel: 'sms',
        contact: '+15555550100',
        number: '+15555550199',
        parameters: {},
        handsets: {},
        start: '2026-01-01T00:00:00Z',
        mocks: [],
        line: 3,
        turnLines: [5, 6, 7],
        checkLines: [{}, { message: 6 }, {}],
        turns: [{ send: 'hi' }, { expect: { message: 'Hello' } }, { hangup: true }],
      },
    ]);
  });

  it('lets a test override the file settings, its own mocks first', async () => {
    const file = await read(
      [
        'flow: bot.json',
        'channel: voice',
        'mocks: [{ url: "https://a.example/*" }]',
        'tests:',
        '  - name: one',
        '    contact: "+15555550111"',
        '    start: 2026-03-02T09:00:00+01:00',
        '    mocks: [{ url: https://b.example/x, method: post, status: 500, delay: 2s }]',
        '    turns: [{ press: 12 }, { wait: 5m }, { wait: timeout }, { answer: busy }]',
      ].join('\n'),
    );
    const [test] = file.tests;
    expect(test.channel).toBe('voice');
    expect(test.contact).toBe('+15555550111');
    expect(test.start).toBe('2026-03-02T08:00:00.000Z');
    expect(test.mocks).toEqual([{ url: 'https://b.example/x', method: 'POST', status: 500, delay: 2 }, { url: 'https://a.example/*' }]);
    expect(test.turns).toEqual([{ press: '12' }, { wait: 300 }, { wait: 'timeout' }, { answer: 'busy' }]);
  });

  it('reads JSON test files too', async () => {
    const file = await read('{"flow": "bot.json", "tests": [{"name": "t", "turns": [{"send": "hi"}]}]}', 'b.flowtest.json');
    expect(file.tests[0].turns).toEqual([{ send: 'hi' }]);
  });

  it('adds the mocks of the file named by mocks_from', async () => {
    await read('flow: bot.json\nmocks: [{ url: "https://recorded.example/x", body: { ok: true } }]\ntests: [{ name: t, turns: [] }]\n', 'recorded.flowtest.yaml');
    const file = await read('flow: bot.json\nmocks_from: recorded.flowtest.yaml\ntests: [{ name: t, turns: [] }]\n');
    expect(file.tests[0].mocks).toEqual([{ url: 'https://recorded.example/x', body: { ok: true } }]);
  });

  it.each([
    ['not YAML at all', 'flow: [unclosed\n', 2, '', 'is not valid YAML or JSON'],
    ['a key given twice, at the second', 'flow: bot.json\nchannel: sms\nchannel: voice\ntests: []\n', 3, '', 'Map keys must be unique'],
    ['a list at the top', '- 1\n- 2\n', 1, '', 'must be a map of fields, not a list'],
    ['no flow', 'tests: []\n', 1, '', 'has no "flow"'],
    ['no tests', 'flow: bot.json\n', 1, '', 'has no "tests"'],
    ['an unknown field, at its key', 'flow: bot.json\nchanel: sms\ntests: []\n', 2, 'chanel', 'is not a field here'],
    ['an unknown channel', 'flow: bot.json\nchannel: fax\ntests: []\n', 2, 'channel', 'must be one of sms, voice, rest, conversation, not "fax"'],
    ['a contact that is not E.164', 'flow: bot.json\ncontact: 555-1234\ntests: []\n', 2, 'contact', 'must be an E.164 number'],
    ['a bad start time', 'flow: bot.json\nstart: yesterday\ntests: []\n', 2, 'start', 'must be an ISO 8601 time'],
    ['a mock without a URL', 'flow: bot.json\nmocks:\n  - method: GET\ntests: []\n', 3, 'mocks[0].url', 'is missing'],
    ['a mock with a bad status', 'flow: bot.json\nmocks:\n  - url: https://x.example/\n    status: 999\ntests: []\n', 4, 'mocks[0].status', 'from 100 to 599'],
    ['a mock with a bad regex', 'flow: bot.json\nmocks:\n  - url: /[a/\ntests: []\n', 3, 'mocks[0].url', 'is not a regular expression'],
    ['an empty test list', 'flow: bot.json\ntests: []\n', 2, 'tests', 'is empty'],
    ['a test without a name', 'flow: bot.json\ntests:\n  - turns: []\n', 3, 'tests[0].name', 'is missing'],
    ['an empty recording', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - record: ""\n', 5, 'tests[0].turns[0].record', 'is empty'],
    ['a misspelt turn', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - send: hi\n      - sned: hi\n', 6, 'tests[0].turns[1].sned', 'is not a kind of turn'],
    ['a turn doing two things', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - { send: hi, press: 1 }\n', 5, 'tests[0].turns[0]', 'each turn does one thing'],
    ['digits that are not keys', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - press: abc\n', 5, 'tests[0].turns[0].press', 'must be keys 0-9'],
    ['a bad wait', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - wait: soon\n', 5, 'tests[0].turns[0].wait', 'must be a duration'],
    ['an unknown expectation', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - expect:\n          mesage: hi\n', 6, 'tests[0].turns[0].expect.mesage', 'is not a field here'],
    ['two ways to match', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - expect:\n          message: { text: a, matches: b }\n', 6, 'tests[0].turns[0].expect.message', 'not text and matches'],
    ['ended that is not a boolean', 'flow: bot.json\ntests:\n  - name: t\n    turns:\n      - expect: { ended: maybe }\n', 5, 'tests[0].turns[0].expect.ended', 'must be true or false'],
    ['a server flow with a bad SID', 'flow: { server: "http://localhost:3000", sid: FW1 }\ntests: []\n', 1, 'flow.sid', 'must be a Flow SID'],
    ['a handset that is not a number', 'flow: bot.json\nhandsets: { shop: busy }\ntests: []\n', 2, 'handsets.shop', 'must be an E.164 number'],
    ['mocks_from naming itself', 'flow: bot.json\nmocks_from: a.flowtest.yaml\ntests: []\n', 2, 'mocks_from', 'names this file itself'],
  ])('names the file, line and field of %s', async (_case, text, line, field, reason) => {
    const error = await failure(text);
    expect(error.file).toBe(join(folder, 'a.flowtest.yaml'));
    expect({ line: error.line, field: error.field }).toEqual({ line, field });
    expect(error.reason).toContain(reason);
    expect(error.message).toBe(`${join(folder, 'a.flowtest.yaml')}:${line}: ${field ? `${field}: ` : ''}${error.reason}`);
  });

  it('says so when the file cannot be read', async () => {
    await expect(readFlowTestFile(join(folder, 'missing.flowtest.yaml'))).rejects.toThrow(/missing\.flowtest\.yaml:1: cannot be read: ENOENT/);
  });
});

describe('durationSeconds', () => {
  it.each([
    [30, 30],
    ['30', 30],
    ['90s', 90],
    ['5m', 300],
    ['2h', 7200],
    ['1d', 86_400],
    ['500ms', 0.5],
  ])('reads %s as %s seconds', (value, seconds) => expect(durationSeconds(value)).toBe(seconds));

  it.each([['soon'], [-1], ['5 weeks'], [null], [Number.NaN]])('refuses %s', (value) => expect(durationSeconds(value)).toBeUndefined());
});
