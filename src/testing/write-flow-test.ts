import { Document, isMap, isSeq } from 'yaml';
import type { Channel, HttpMock, Turn } from './flow-test.ts';

/** What a recorded session becomes: one flow test file, as docs/flow-tests.md describes it. */
export interface FlowTestSource {
  /** The flow file, relative to the test file. */
  flow: string;
  channel: Channel;
  contact: string;
  number: string;
  parameters?: Record<string, unknown>;
  mocks: HttpMock[];
  tests: Array<{ name: string; turns: Turn[] }>;
}

/**
 * The file's YAML, in the documented key order: each turn a one-key map (`- send: hi`), an
 * expectation on one line (`- expect: { message: … }`), and `hangup` as the bare word.
 */
export function flowTestYaml(file: FlowTestSource): string {
  const { flow, channel, contact, number, parameters, mocks, tests } = file;
  const document = new Document({
    flow,
    channel,
    contact,
    number,
    ...(parameters && Object.keys(parameters).length > 0 ? { parameters } : {}),
    mocks,
    tests: tests.map(({ name, turns }) => ({ name, turns: turns.map((turn) => ('hangup' in turn ? 'hangup' : turn)) })),
    // Written as YAML 1.1 so that `yes`, `on` and the like are quoted: 1.1 readers take them for booleans.
  }, { version: '1.1' });
  for (const test of seqItems(document.get('tests'))) {
    for (const turn of seqItems(isMap(test) ? test.get('turns') : undefined)) {
      const expectation = isMap(turn) ? turn.get('expect') : undefined;
      if (isMap(expectation)) expectation.flow = true;
    }
  }
  return document.toString({ lineWidth: 0 });
}

function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}
