/**
 * A flow test file (`*.flowtest.yaml`), as docs/flow-tests.md describes it: the flow, who talks
 * to it, the HTTP mocks, and tests made of turns. Field names are the file's own (snake_case).
 */

export type Channel = 'sms' | 'voice' | 'rest' | 'conversation';
export const channels: readonly Channel[] = ['sms', 'voice', 'rest', 'conversation'];

/** A flow read from a Switchboard (or Twilio Studio) server instead of a file. */
export interface ServerFlowSource {
  server: string;
  sid: string;
  revision?: number;
}

export interface HttpMock {
  /** An exact URL, a pattern where `*` matches anything, or a `/regex/`. */
  url: string;
  method?: string;
  status?: number;
  /** An object or array is answered as JSON, a string as text. */
  body?: unknown;
  content_type?: string;
  /** Seconds before the answer; at or over the request's timeout, the request times out. */
  delay?: number;
}

/** What a message or a prompt must be: exact text, a regex, or a template whose `{{…}}` match anything. */
export type TextMatcher = string | { text?: string; matches?: string; template?: string; media?: string };

export interface HttpExpectation {
  url: string;
  method?: string;
  /** An object: a subset of the JSON or form body; a string: the exact body. */
  body?: unknown;
}

export interface Expectation {
  message?: TextMatcher;
  heard?: TextMatcher;
  no_message?: boolean;
  http?: HttpExpectation;
  variables?: Record<string, unknown>;
  widgets?: Record<string, unknown>;
  path?: string[];
  ended?: boolean;
}

export type AnswerMode = true | 'busy' | 'no-answer' | 'failed' | 'machine';

export type Turn =
  | { send: string }
  | { press: string }
  | { say: string }
  | { record: string }
  | { hangup: true }
  | { answer: AnswerMode }
  /** Seconds, or 'timeout' for the next due timer. */
  | { wait: number | 'timeout' }
  | { expect: Expectation };

/** Settings a file gives all its tests, and each test may override. */
export interface TestSettings {
  channel: Channel;
  contact: string;
  number: string;
  parameters: Record<string, unknown>;
  /** ISO 8601: the virtual clock when the test starts. */
  start: string;
  mocks: HttpMock[];
  /** How other handsets answer when the flow dials them (a transfer, a forward), by number. */
  handsets: Record<string, AnswerMode>;
}

export interface FlowTestCase extends TestSettings {
  name: string;
  turns: Turn[];
  /** The line the test starts on, each turn's, and each expectation's in an expect turn, for reports. */
  line: number;
  turnLines: number[];
  checkLines: Array<Partial<Record<keyof Expectation, number>>>;
}

export interface FlowTestFile {
  /** The test file's path. */
  file: string;
  /** A flow file's absolute path, or a server to read it from. */
  flow: string | ServerFlowSource;
  tests: FlowTestCase[];
}

export const defaultSettings: TestSettings = {
  channel: 'sms',
  contact: '+15555550100',
  number: '+15555550199',
  parameters: {},
  start: '2026-01-01T00:00:00Z',
  mocks: [],
  handsets: {},
};
