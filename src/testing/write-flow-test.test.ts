import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flowTestYaml, type FlowTestSource } from './write-flow-test.ts';

const file: FlowTestSource = {
  flow: '../examples/order-bot.json',
  channel: 'voice',
  contact: '+15555550100',
  number: '+15555550199',
  parameters: { customer: 'Ada', visits: 3 },
  mocks: [
    { url: 'http://127.0.0.1:4000/orders', method: 'POST', status: 201, body: { order_id: 'A17', items: [1, 2] }, content_type: 'application/json' },
    { url: 'http://127.0.0.1:4000/status', method: 'GET', status: 500, body: 'down\nfor now', content_type: 'text/plain' },
  ],
  tests: [
    {
      name: 'recorded chat',
      turns: [
        { send: 'hi' },
        { expect: { message: 'Order #12: "pizza" # yes' } },
        { press: '1' },
        { press: '007' },
        { say: 'true' },
        { record: 'null' },
        { send: '3.50' },
        { send: 'yes' },
        { send: 'on' },
        { wait: 'timeout' },
        { wait: 30 },
        { expect: { heard: 'https://example.com/goodbye.mp3' } },
        { hangup: true },
        { expect: { path: ['greet', 'menu'], ended: true } },
      ],
    },
  ],
};

describe('flowTestYaml', () => {
  it('round-trips through yaml.parse, with hangup as the bare word', () => {
    const { tests, ...rest } = file;
    const turns = tests[0]!.turns.map((turn) => ('hangup' in turn ? 'hangup' : turn));
    expect(parse(flowTestYaml(file))).toEqual({ ...rest, tests: [{ name: 'recorded chat', turns }] });
  });

  it('keeps strings that look like numbers, booleans or null as strings', () => {
    const turns = parse(flowTestYaml(file)).tests[0].turns;
    expect(turns.slice(2, 9)).toEqual([{ press: '1' }, { press: '007' }, { say: 'true' }, { record: 'null' }, { send: '3.50' }, { send: 'yes' }, { send: 'on' }]);
    // YAML 1.1 readers take these for booleans unless quoted.
    expect(flowTestYaml(file)).toContain('      - send: "yes"\n      - send: "on"\n');
    expect(parse(flowTestYaml({ ...file, contact: '15555550100' })).contact).toBe('15555550100');
  });

  it('writes the keys in the documented order, one turn a line, and leaves out empty parameters', () => {
    const yaml = flowTestYaml({ ...file, parameters: {} });
    expect(yaml.split('\n').filter((line) => /^\w/.test(line)).map((line) => line.split(':')[0])).toEqual(['flow', 'channel', 'contact', 'number', 'mocks', 'tests']);
    expect(yaml).toContain('      - send: hi\n');
    expect(yaml).toContain('      - expect: { path: [ greet, menu ], ended: true }\n');
    expect(yaml).toContain('      - hangup\n');
    expect(flowTestYaml({ ...file, parameters: undefined })).not.toContain('parameters');
  });
});
