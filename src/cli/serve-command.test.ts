import { describe, expect, it } from 'vitest';
import { serveCommand, type ServeFlags } from './serve-command.ts';

const flags: ServeFlags = { port: '0', host: '127.0.0.1', db: ':memory:', clock: 'virtual', logLevel: 'silent', verifySignatures: true, examples: false, voiceOption: [], carrier: 'twilio', publicUrl: 'https://flows.example.com' };
const account = 'AC' + 'a'.repeat(32);

/** What serve says and its exit code, for a start it refuses before it listens. */
async function refused(changes: Partial<ServeFlags>, env: NodeJS.ProcessEnv) {
  const printed: string[] = [];
  const code = await serveCommand({ ...flags, ...changes }, (line) => printed.push(line), env);
  return { code, printed: printed.join('\n') };
}

describe('serve --carrier twilio refuses to start without what it needs', () => {
  it.each([
    [{}, {}, '--carrier twilio: TWILIO_ACCOUNT_SID is not set'],
    [{}, { TWILIO_ACCOUNT_SID: account }, 'set TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET'],
    [{ publicUrl: undefined }, { TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: 't' }, '--carrier twilio needs --public-url'],
    [{ publicUrl: 'flows.example.com' }, { TWILIO_ACCOUNT_SID: account, TWILIO_AUTH_TOKEN: 't' }, '--carrier twilio needs --public-url'],
    [{}, { TWILIO_ACCOUNT_SID: account, TWILIO_API_KEY: 'SK1', TWILIO_API_SECRET: 's' }, 'set TWILIO_AUTH_TOKEN too, or pass --no-verify-signatures'],
    [{ carrier: 'signalwire' }, {}, '--carrier must be emulator or twilio, not "signalwire"'],
  ])('%j with %j', async (changes, env, reason) => {
    const { code, printed } = await refused(changes, env);
    expect(code).toBe(1);
    expect(printed).toContain(reason);
  });
});
