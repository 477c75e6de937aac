import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { isE164 } from '../carrier/e164.ts';
import {
  channels,
  defaultSettings,
  type AnswerMode,
  type Expectation,
  type FlowTestCase,
  type FlowTestFile,
  type HttpMock,
  type ServerFlowSource,
  type TestSettings,
  type TextMatcher,
  type Turn,
} from './flow-test.ts';

/** A test file that cannot be read: which file, which line, which field, and what is wrong. */
export class FlowTestFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${field ? `${field}: ` : ''}${reason}`);
  }
}

type Path = Array<string | number>;

/** Reads a `*.flowtest.yaml` (or `.json`, which YAML reads too) into tests with every default filled in. */
export async function readFlowTestFile(file: string): Promise<FlowTestFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new FlowTestFileError(file, 1, '', `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [syntaxError] = document.errors;
  if (syntaxError) {
    throw new FlowTestFileError(file, lineCounter.linePos(syntaxError.pos[0]).line, '', `is not valid YAML or JSON: ${syntaxError.message.split('\n')[0]}`);
  }
  return new TestFileReader(file, document, lineCounter).read();
}

/** Seconds in `30s`, `5m`, `2h`, `1d` or a plain number; undefined for anything else. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value.trim());
  if (!match) return undefined;
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] ?? 's'] as number;
  return Number(match[1]) * unit;
}

const settingKeys = ['channel', 'contact', 'number', 'parameters', 'start', 'mocks', 'handsets'] as const;
const fileKeys = new Set(['$schema', 'flow', 'mocks_from', 'tests', ...settingKeys]);
const testKeys = new Set(['name', 'turns', ...settingKeys]);
const mockKeys = new Set(['url', 'method', 'status', 'body', 'content_type', 'delay']);
const expectationKeys = new Set(['message', 'heard', 'no_message', 'http', 'variables', 'widgets', 'path', 'ended']);
const turnKinds = ['send', 'press', 'say', 'record', 'hangup', 'answer', 'wait', 'expect'];
const answerModes: AnswerMode[] = [true, 'busy', 'no-answer', 'failed', 'machine'];

/** Checks the parsed document field by field; every error points at the line of the field at fault. */
class TestFileReader {
  private readonly data: unknown;

  constructor(
    private readonly file: string,
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {
    this.data = document.toJS();
  }

  async read(): Promise<FlowTestFile> {
    const root = this.object(this.data, []);
    this.onlyKeys(root, fileKeys, []);
    const flow = this.flowSource(root.flow);
    const settings = this.settings(root, { ...defaultSettings }, []);
    if (root.mocks_from !== undefined) {
      const other = resolve(dirname(this.file), this.string(root.mocks_from, ['mocks_from']));
      if (resolve(other) === resolve(this.file)) this.fail(['mocks_from'], 'names this file itself');
      settings.mocks = [...settings.mocks, ...(await readFlowTestFile(other)).tests.flatMap((test) => test.mocks)];
    }
    if (root.tests === undefined) this.fail([], 'has no "tests" (a list of tests, each with a name and turns)');
    const tests = this.list(root.tests, ['tests']).map((test, index) => this.testCase(test, settings, ['tests', index]));
    if (tests.length === 0) this.fail(['tests'], 'is empty');
    return { file: this.file, flow, tests };
  }

  private flowSource(value: unknown): string | ServerFlowSource {
    if (value === undefined) this.fail([], 'has no "flow" (the flow file, relative to this file)');
    if (typeof value === 'string') return resolve(dirname(this.file), this.string(value, ['flow']));
    const source = this.object(value, ['flow']);
    this.onlyKeys(source, new Set(['server', 'sid', 'revision']), ['flow']);
    const server = this.string(source.server, ['flow', 'server']);
    if (!/^https?:\/\//.test(server)) this.fail(['flow', 'server'], `must be an http(s) URL, not "${server}"`);
    const sid = this.string(source.sid, ['flow', 'sid']);
    if (!/^FW[0-9a-f]{32}$/.test(sid)) this.fail(['flow', 'sid'], `must be a Flow SID (FW and 32 hex digits), not "${sid}"`);
    const revision = source.revision === undefined ? undefined : this.wholeNumber(source.revision, ['flow', 'revision']);
    return { server, sid, ...(revision === undefined ? {} : { revision }) };
  }

  private settings(source: Record<string, unknown>, base: TestSettings, path: Path): TestSettings {
    const settings = { ...base };
    if (source.channel !== undefined) {
      const channel = this.string(source.channel, [...path, 'channel']);
      if (!(channels as string[]).includes(channel)) this.fail([...path, 'channel'], `must be one of ${channels.join(', ')}, not "${channel}"`);
      settings.channel = channel as TestSettings['channel'];
    }
    for (const key of ['contact', 'number'] as const) {
      if (source[key] === undefined) continue;
      const address = this.string(source[key], [...path, key]);
      if (!isE164(address)) this.fail([...path, key], `must be an E.164 number such as +15555550123, not "${address}"`);
      settings[key] = address;
    }
    if (source.parameters !== undefined) settings.parameters = this.object(source.parameters, [...path, 'parameters']);
    if (source.start !== undefined) {
      const start = this.string(source.start, [...path, 'start']);
      if (Number.isNaN(Date.parse(start))) this.fail([...path, 'start'], `must be an ISO 8601 time such as 2026-03-02T09:00:00Z, not "${start}"`);
      settings.start = new Date(Date.parse(start)).toISOString();
    }
    if (source.handsets !== undefined) {
      const at = [...path, 'handsets'];
      settings.handsets = Object.fromEntries(
        Object.entries(this.object(source.handsets, at)).map(([number, mode]) => {
          if (!isE164(number)) this.fail([...at, number], 'must be an E.164 number such as +15555550199', true);
          return [number, this.answerMode(mode, [...at, number])];
        }),
      );
    }
    if (source.mocks !== undefined) settings.mocks = this.list(source.mocks, [...path, 'mocks']).map((mock, index) => this.mock(mock, [...path, 'mocks', index]));
    return settings;
  }

  private mock(value: unknown, path: Path): HttpMock {
    const mock = this.object(value, path);
    this.onlyKeys(mock, mockKeys, path);
    const url = this.urlPattern(mock.url, [...path, 'url']);
    const result: HttpMock = { url };
    if (mock.method !== undefined) result.method = this.method(mock.method, [...path, 'method']);
    if (mock.status !== undefined) {
      const status = this.wholeNumber(mock.status, [...path, 'status']);
      if (status < 100 || status > 599) this.fail([...path, 'status'], `must be an HTTP status from 100 to 599, not ${status}`);
      result.status = status;
    }
    if (mock.body !== undefined) result.body = mock.body;
    if (mock.content_type !== undefined) result.content_type = this.string(mock.content_type, [...path, 'content_type']);
    if (mock.delay !== undefined) {
      const delay = durationSeconds(mock.delay);
      if (delay === undefined) this.fail([...path, 'delay'], `must be a duration such as 500ms, 2s or 1m, not ${JSON.stringify(mock.delay)}`);
      result.delay = delay;
    }
    return result;
  }

  private testCase(value: unknown, base: TestSettings, path: Path): FlowTestCase {
    const test = this.object(value, path);
    this.onlyKeys(test, testKeys, path);
    const name = this.string(test.name, [...path, 'name']);
    if (test.turns === undefined) this.fail(path, 'has no "turns"');
    const turns = this.list(test.turns, [...path, 'turns']).map((turn, index) => this.turn(turn, [...path, 'turns', index]));
    // Per-test settings replace the file's, except that a test's own mocks come before the file's.
    const settings = this.settings(test, base, path);
    if (test.mocks !== undefined) settings.mocks = [...settings.mocks, ...base.mocks];
    const turnPath = (index: number) => [...path, 'turns', index];
    return {
      ...settings,
      name,
      turns,
      line: this.lineOf(path),
      turnLines: turns.map((_turn, index) => this.lineOf(turnPath(index))),
      checkLines: turns.map((turn, index) => ('expect' in turn ? Object.fromEntries(Object.keys(turn.expect).map((check) => [check, this.lineOf([...turnPath(index), 'expect', check], true)])) : {})),
    };
  }

  private turn(value: unknown, path: Path): Turn {
    if (value === 'hangup') return { hangup: true };
    if (typeof value === 'string') this.fail(path, `"${value}" is not a turn; a turn is one of ${turnKinds.join(', ')} (only hangup may stand alone)`);
    const turn = this.object(value, path);
    const keys = Object.keys(turn);
    if (keys.length !== 1 || !turnKinds.includes(keys[0])) {
      const unknown = keys.find((key) => !turnKinds.includes(key));
      if (unknown) this.fail([...path, unknown], `is not a kind of turn; use one of ${turnKinds.join(', ')}`);
      this.fail(path, `has ${keys.length === 0 ? 'nothing' : keys.join(' and ')}; each turn does one thing`);
    }
    const kind = keys[0];
    const at = [...path, kind];
    const argument = turn[kind];
    switch (kind) {
      case 'send':
        return { send: this.text(argument, at) };
      case 'press': {
        const digits = this.text(argument, at);
        if (!/^[0-9*#w]+$/.test(digits)) this.fail(at, `must be keys 0-9, * and # (w waits half a second), not "${digits}"`);
        return { press: digits };
      }
      case 'say':
        return { say: this.text(argument, at) };
      case 'record':
        return { record: this.text(argument, at) };
      case 'hangup':
        if (argument !== true && argument !== null) this.fail(at, 'takes no value (write "- hangup")');
        return { hangup: true };
      case 'answer':
        return { answer: this.answerMode(argument, at) };
      case 'wait': {
        if (argument === 'timeout') return { wait: 'timeout' };
        const seconds = durationSeconds(argument);
        if (seconds === undefined) this.fail(at, `must be a duration such as 30s, 5m, 2h or 1d, or "timeout", not ${JSON.stringify(argument)}`);
        return { wait: seconds };
      }
      default:
        return { expect: this.expectation(argument, at) };
    }
  }

  private expectation(value: unknown, path: Path): Expectation {
    const expectation = this.object(value, path);
    this.onlyKeys(expectation, expectationKeys, path);
    if (Object.keys(expectation).length === 0) this.fail(path, `is empty; expect one or more of ${[...expectationKeys].join(', ')}`);
    const result: Expectation = {};
    if (expectation.message !== undefined) result.message = this.textMatcher(expectation.message, [...path, 'message']);
    if (expectation.heard !== undefined) result.heard = this.textMatcher(expectation.heard, [...path, 'heard']);
    if (expectation.no_message !== undefined) result.no_message = this.boolean(expectation.no_message, [...path, 'no_message']);
    if (expectation.http !== undefined) {
      const at = [...path, 'http'];
      const http = this.object(expectation.http, at);
      this.onlyKeys(http, new Set(['url', 'method', 'body']), at);
      result.http = { url: this.urlPattern(http.url, [...at, 'url']) };
      if (http.method !== undefined) result.http.method = this.method(http.method, [...at, 'method']);
      if (http.body !== undefined) result.http.body = http.body;
    }
    if (expectation.variables !== undefined) result.variables = this.object(expectation.variables, [...path, 'variables']);
    if (expectation.widgets !== undefined) result.widgets = this.object(expectation.widgets, [...path, 'widgets']);
    if (expectation.path !== undefined) result.path = this.list(expectation.path, [...path, 'path']).map((name, index) => this.string(name, [...path, 'path', index]));
    if (expectation.ended !== undefined) result.ended = this.boolean(expectation.ended, [...path, 'ended']);
    return result;
  }

  private answerMode(value: unknown, path: Path): AnswerMode {
    if (!answerModes.includes(value as AnswerMode)) this.fail(path, `must be true, busy, no-answer, failed or machine, not ${JSON.stringify(value)}`);
    return value as AnswerMode;
  }

  private textMatcher(value: unknown, path: Path): TextMatcher {
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    const matcher = this.object(value, path);
    this.onlyKeys(matcher, new Set(['text', 'matches', 'template', 'media']), path);
    const ways = ['text', 'matches', 'template'].filter((key) => matcher[key] !== undefined);
    if (ways.length > 1) this.fail(path, `give one of text, matches or template, not ${ways.join(' and ')}`);
    if (ways.length === 0 && matcher.media === undefined) this.fail(path, 'needs text, matches, template or media');
    const result: Exclude<TextMatcher, string> = {};
    for (const key of ['text', 'matches', 'template', 'media'] as const) {
      if (matcher[key] !== undefined) result[key] = this.text(matcher[key], [...path, key]);
    }
    if (result.matches !== undefined) {
      try {
        new RegExp(result.matches);
      } catch (error) {
        this.fail([...path, 'matches'], `is not a regular expression: ${(error as Error).message}`);
      }
    }
    return result;
  }

  private urlPattern(value: unknown, path: Path): string {
    const url = this.string(value, path);
    const regex = /^\/(.+)\/([a-z]*)$/.exec(url);
    if (regex) {
      try {
        new RegExp(regex[1], regex[2]);
      } catch (error) {
        this.fail(path, `is not a regular expression: ${(error as Error).message}`);
      }
    } else if (!/^https?:\/\//.test(url)) {
      this.fail(path, `must be an http(s) URL (with * for any text) or a /regex/, not "${url}"`);
    }
    return url;
  }

  private method(value: unknown, path: Path): string {
    const method = this.string(value, path).toUpperCase();
    if (!/^[A-Z]+$/.test(method)) this.fail(path, `must be an HTTP method such as GET or POST, not "${method}"`);
    return method;
  }

  // ---- plain checks ----

  private object(value: unknown, path: Path): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, `must be a map of fields, not ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  private list(value: unknown, path: Path): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `must be a list, not ${describe(value)}`);
    return value as unknown[];
  }

  private string(value: unknown, path: Path): string {
    if (value === '') this.fail(path, 'is empty');
    if (typeof value !== 'string') this.fail(path, value === undefined ? 'is missing' : `must be text, not ${describe(value)}`);
    return value as string;
  }

  /** Text the contact types or says: numbers are taken as written ("1" for 1). */
  private text(value: unknown, path: Path): string {
    if (typeof value === 'number') return String(value);
    return this.string(value, path);
  }

  private boolean(value: unknown, path: Path): boolean {
    if (typeof value !== 'boolean') this.fail(path, `must be true or false, not ${describe(value)}`);
    return value as boolean;
  }

  private wholeNumber(value: unknown, path: Path): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(path, `must be a whole number, not ${describe(value)}`);
    return value as number;
  }

  private onlyKeys(object: Record<string, unknown>, known: Set<string>, path: Path): void {
    for (const key of Object.keys(object)) {
      if (!known.has(key)) this.fail([...path, key], `is not a field here; expected ${[...known].filter((name) => name !== '$schema').join(', ')}`, true);
    }
  }

  private fail(path: Path, reason: string, atKey = false): never {
    throw new FlowTestFileError(this.file, this.lineOf(path, atKey), fieldName(path), reason);
  }

  /** The line of the node at `path` (or of its key), else of the nearest enclosing node that exists. */
  private lineOf(path: Path, atKey = false): number {
    for (let length = path.length; length > 0; length--) {
      const parent = this.document.getIn(path.slice(0, length - 1), true);
      const key = path[length - 1];
      let node: unknown;
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
        node = pair && (atKey || !pair.value ? pair.key : pair.value);
      } else if (isSeq(parent)) {
        node = parent.items[key as number];
      }
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) return this.lines.linePos(range[0]).line;
    }
    return 1;
  }
}

function fieldName(path: Path): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${JSON.stringify(value)}`;
}
