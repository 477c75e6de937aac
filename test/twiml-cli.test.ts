import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcessTimeout, runSwitchboard } from './support/child-process.ts';

/** `switchboard twiml validate <file|->`, run as a user would run it. */

const fixtures = {
  clean: '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Gather input="dtmf speech" numDigits="1" action="/menu">\n    <Say voice="alice">Press 1 for sales.</Say>\n  </Gather>\n  <Redirect>/menu</Redirect>\n</Response>\n',
  warnings: '<Response><Gather timeout="soon"><Dial>+15555550100</Dial></Gather><Say/></Response>',
  broken: '<Response><Say>Hello</Response>',
  messaging: '<Response><Message to="+15555550100">Thanks!</Message><Redirect method="GET">/next</Redirect></Response>',
  // No <Message>, so only --messaging makes it messaging TwiML.
  redirectOnly: '<Response><Say>Hi</Say><Redirect>/next</Redirect></Response>',
  error: '<Response><Enqueue/></Response>',
};

let scratch: string;
const file = (name: keyof typeof fixtures) => join(scratch, `${name}.xml`);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-twiml-'));
  for (const [name, xml] of Object.entries(fixtures)) await writeFile(join(scratch, `${name}.xml`), xml);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('switchboard twiml validate', { timeout: childProcessTimeout }, () => {
  it('says a clean voice file is valid and exits 0', async () => {
    const run = await runSwitchboard(['twiml', 'validate', file('clean')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${file('clean')}: voice TwiML, valid\n`);
  });

  it('prints each warning with its code, level and path, and exits 0', async () => {
    const run = await runSwitchboard(['twiml', 'validate', file('warnings')]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file('warnings')}: voice TwiML, runs, with warnings`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}13313 warning \/Response\/Gather\[1\]: .*timeout/),
      expect.stringMatching(/^ {2}13320 warning \/Response\/Gather\[1\]\/Dial\[1\]: .*Dial/),
      expect.stringMatching(/^ {2}13520 warning \/Response\/Say\[1\]: /),
    ]);
  });

  it('exits 1 with 12100 for a file that is not well-formed', async () => {
    const run = await runSwitchboard(['twiml', 'validate', file('broken')]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file('broken')}: voice TwiML, INVALID`);
    expect(lines[1]).toMatch(/^ {2}12100 error {3}\/: Not well-formed XML/);
    expect(lines).toHaveLength(2);
  });

  it('exits 1 for an error-level finding in a well-formed file', async () => {
    const run = await runSwitchboard(['twiml', 'validate', file('error')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('INVALID');
    expect(run.stdout).toMatch(/ {2}14204 error {3}\/Response\/Enqueue\[1\]: /);
  });

  it("reads stdin when the file is '-'", async () => {
    const clean = await runSwitchboard(['twiml', 'validate', '-'], fixtures.clean);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('-: voice TwiML, valid\n');
    const broken = await runSwitchboard(['twiml', 'validate', '-'], fixtures.broken);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('12100 error');
    const empty = await runSwitchboard(['twiml', 'validate', '-'], '');
    expect(empty.code).toBe(1);
    expect(empty.stdout).toMatch(/12100 error {3}\/: The document is empty/);
  });

  it('checks messaging TwiML with --messaging', async () => {
    const asVoice = await runSwitchboard(['twiml', 'validate', file('redirectOnly')]);
    expect(asVoice.stdout).toBe(`${file('redirectOnly')}: voice TwiML, valid\n`);
    const run = await runSwitchboard(['twiml', 'validate', '--messaging', file('redirectOnly')]);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      `${file('redirectOnly')}: messaging TwiML, runs, with warnings`,
      expect.stringMatching(/^ {2}14110 warning \/Response\/Say\[1\]: /),
    ]);
  });

  it('detects messaging TwiML when the document holds <Message>', async () => {
    const run = await runSwitchboard(['twiml', 'validate', file('messaging')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${file('messaging')}: messaging TwiML, valid\n`);
    const mixed = await runSwitchboard(['twiml', 'validate', '-'], '<Response><Message>Hi</Message><Play>https://example.com/a.mp3</Play></Response>');
    expect(mixed.stdout).toContain('-: messaging TwiML, runs, with warnings');
    expect(mixed.stdout).toMatch(/14110 warning \/Response\/Play\[1\]: /);
  });

  it('prints {file, dialect, valid, findings} with --json', async () => {
    const run = await runSwitchboard(['twiml', 'validate', '--json', file('warnings')]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual(['file', 'dialect', 'valid', 'findings']);
    expect(output).toEqual({
      file: file('warnings'),
      dialect: 'voice',
      valid: true,
      findings: [
        { code: 13313, level: 'warning', message: expect.any(String), path: '/Response/Gather[1]' },
        { code: 13320, level: 'warning', message: expect.any(String), path: '/Response/Gather[1]/Dial[1]' },
        { code: 13520, level: 'warning', message: expect.any(String), path: '/Response/Say[1]' },
      ],
    });
  });

  it('--json for clean, broken and messaging documents, from stdin too', async () => {
    const clean = await runSwitchboard(['twiml', 'validate', '--json', file('clean')]);
    expect(JSON.parse(clean.stdout)).toEqual({ file: file('clean'), dialect: 'voice', valid: true, findings: [] });
    const broken = await runSwitchboard(['twiml', 'validate', '--json', '-'], fixtures.broken);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toEqual({
      file: '-',
      dialect: 'voice',
      valid: false,
      findings: [{ code: 12100, level: 'error', message: expect.stringContaining('Not well-formed XML'), path: '/' }],
    });
    const messaging = await runSwitchboard(['twiml', 'validate', '--json', '--messaging', file('redirectOnly')]);
    expect(JSON.parse(messaging.stdout)).toMatchObject({ dialect: 'messaging', valid: true, findings: [{ code: 14110 }] });
  });

  it('exits 1 with a clear message for a missing file', async () => {
    const missing = join(scratch, 'missing.xml');
    const run = await runSwitchboard(['twiml', 'validate', missing]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${missing}: cannot read the file: ENOENT: no such file or directory, open '${missing}'\n`);
  });

  it('still prints JSON for a missing file with --json', async () => {
    const missing = join(scratch, 'missing.xml');
    const run = await runSwitchboard(['twiml', 'validate', '--json', missing]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ file: missing, dialect: 'voice', valid: false, findings: [], error: expect.stringMatching(/^cannot read the file: ENOENT/) });
  });

  it('exits 1 for a directory, and asks for the file when none is given', async () => {
    const directory = await runSwitchboard(['twiml', 'validate', scratch]);
    expect(directory.code).toBe(1);
    expect(directory.stdout).toContain(`${scratch}: cannot read the file: EISDIR`);
    const none = await runSwitchboard(['twiml', 'validate']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("missing required argument 'file'");
  });
});
