import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heardLine } from '../src/cli/voice-chat.ts';
import { childProcessTimeout, runSwitchboard } from './support/child-process.ts';

/** `switchboard chat --voice`: a handset in the terminal calls a flow on an in-process server. */
const ivr = 'test/fixtures/ivr-menu.json';
const greeting = '< Say (Polly.Amy, en-GB): Welcome to Switchboard Pizza.';
const gather = '< Gather (dtmf speech, 1 digit, timeout 5 s)';
const menu = '< Say (man, en-US): Press 1 for our opening hours, or tell us what you would like.';
const goodbye = '< Play: https://example.com/audio/goodbye.mp3';

/** The lines the caller heard or typed, in order. */
const transcript = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('<') || line.startsWith('>') || line.startsWith('['));

// Each test starts the real command (tsx, then an in-process server): seconds, not milliseconds.
describe('switchboard chat --voice', { timeout: childProcessTimeout }, () => {
  it('plays the greeting and the menu, takes a key, answers it, and ends when the call does', async () => {
    const run = await runSwitchboard(['chat', ivr, '--voice'], '1\n');
    expect(run.code).toBe(0);
    expect(transcript(run.stdout)).toEqual([
      greeting,
      gather,
      menu,
      '> 1',
      '< Say (man, en-US): We are open from noon to midnight, every day.',
      goodbye,
      '< Hangup',
    ]);
    expect(run.stdout).toMatch(/Call ended: completed\nExecution FN[0-9a-f]{32}: ended\n$/);
  });

  it('/timeout fires the gather timeout, which repeats the menu; --steps prints the path', async () => {
    const run = await runSwitchboard(['chat', ivr, '--voice', '--steps'], '/timeout\n1\n');
    expect(run.code).toBe(0);
    expect(transcript(run.stdout)).toEqual([greeting, gather, menu, '> /timeout', gather, menu, '> 1', '< Say (man, en-US): We are open from noon to midnight, every day.', goodbye, '< Hangup']);
    const steps = run.stdout.split('\n').filter((line) => line.startsWith('  · '));
    expect(steps).toEqual([
      '  · Trigger --incomingCall--> greet',
      '  · greet --audioComplete--> menu',
      '  · menu --timeout--> menu',
      '  · menu --keypress--> choice',
      '  · choice --match--> hours',
      '  · hours --audioComplete--> goodbye',
      '  · goodbye --audioComplete--> Ended',
    ]);
  });

  it('say: takes the speech transition', async () => {
    const run = await runSwitchboard(['chat', ivr, '--voice', '--steps'], 'say: a large pepperoni\n');
    expect(run.stdout).toContain('< Say (man, en-US): You said: a large pepperoni. Someone will call you back.');
    expect(run.stdout).toContain('  · menu --speech--> heard');
    expect(run.stdout).toContain('Call ended: completed');
  });

  it('gives a readable reason for a line it does not understand and for input the call is not waiting for, and goes on', async () => {
    const run = await runSwitchboard(['chat', ivr, '--voice'], 'xyz\nrecord: call me back\n1\n');
    expect(run.code).toBe(0);
    expect(transcript(run.stdout).slice(3, 8)).toEqual([
      '> xyz',
      '[not understood: "xyz". Type digits (e.g. 1 or 12#), "say: <words>", "record: <words>", /timeout, /hangup or /quit]',
      '> record: call me back',
      expect.stringMatching(/^\[not sent: The call is not waiting for this input: call CA[0-9a-f]{32} is waiting for gather, not for recording \(89009\)\]$/),
      '> 1',
    ]);
    expect(run.stdout).toContain('< Say (man, en-US): We are open from noon to midnight, every day.');
  });

  it('hangs up on /hangup, and the execution ends with the call', async () => {
    const run = await runSwitchboard(['chat', ivr, '--voice', '--from', '+15550001234', '--to', '+15550009999'], '/hangup\n1\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Calling test/fixtures/ivr-menu.json at +15550009999 from +15550001234.');
    expect(transcript(run.stdout)).toEqual([greeting, gather, menu, '> /hangup']);
    expect(run.stdout).toMatch(/Call ended: completed\nExecution FN[0-9a-f]{32}: ended\n$/);
  });

  it('hangs up at the end of input', async () => {
    const run = await runSwitchboard(['chat', ivr, '--voice'], '');
    expect(run.code).toBe(0);
    expect(transcript(run.stdout)).toEqual([greeting, gather, menu]);
    expect(run.stdout).toMatch(/Call ended: completed\nExecution FN[0-9a-f]{32}: ended\n$/);
  });

  it('exits 1 for a flow that is not valid', async () => {
    const bad = join(await mkdtemp(join(tmpdir(), 'switchboard-voice-chat-')), 'bad.json');
    await writeFile(bad, JSON.stringify({ description: 'bad', initial_state: 'Trigger', states: [{ name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingCall', next: 'nowhere' }] }] }));
    const run = await runSwitchboard(['chat', bad, '--voice']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${bad} is not a valid flow:\n  #/states/0/transitions/0/next: "nowhere" names no state\n`);
  });

  it('exits 1 for a flow number that is not one, and for --data', async () => {
    const [number, data] = await Promise.all([runSwitchboard(['chat', ivr, '--voice', '--to', '12']), runSwitchboard(['chat', ivr, '--voice', '--data', '{}'])]);
    expect(number.code).toBe(1);
    expect(number.stdout).toContain("Cannot use 12 as the flow's number: PhoneNumber is invalid: 12 is not an E.164 number");
    expect(data.code).toBe(1);
    expect(data.stdout).toContain('--data does not go with --voice');
  });
});

describe('what the terminal prints for each thing the caller hears', () => {
  const at = '2026-01-01T00:00:00.000Z';
  it('prints prompts, waits and call control in one line each, and nothing for what the caller did', () => {
    const lines = [
      heardLine({ type: 'say', at, text: 'Hi', voice: 'Polly.Amy', language: 'en-GB', loop: 2 }),
      heardLine({ type: 'play', at, url: 'https://x/a.mp3' }),
      heardLine({ type: 'play', at, url: '', digits: '1w2' }),
      heardLine({ type: 'pause', at, length: 2 }),
      heardLine({ type: 'gather', at, input: 'dtmf', numDigits: 0, finishOnKey: '#', timeout: 5 }),
      heardLine({ type: 'record', at, maxLength: 60 }, { type: 'beep', at }),
      heardLine({ type: 'record', at, maxLength: 60 }, { type: 'say', at }),
      heardLine({ type: 'dial', at, to: ['+15550001111', 'client:bob'], sequential: true }),
      heardLine({ type: 'hangup', at, by: 'twiml' }),
      heardLine({ type: 'warning', at, code: 13223, message: 'not E.164' }),
    ];
    expect(lines).toEqual([
      '< Say (Polly.Amy, en-GB): Hi (2 times)',
      '< Play: https://x/a.mp3',
      '< Play digits: 1w2',
      '< Pause 2 s',
      '< Gather (dtmf, until #, timeout 5 s)',
      '< Record (beep)',
      '< Record',
      '< Dial +15550001111, client:bob (one after another)',
      '< Hangup',
      '[warning 13223: not E.164]',
    ]);
    for (const type of ['ringing', 'answered', 'request', 'digits', 'speech', 'recorded', 'beep', 'status']) expect(heardLine({ type, at })).toBeUndefined();
    expect(heardLine({ type: 'hangup', at, by: 'handset' })).toBeUndefined();
  });
});
