import { isHttpUrl } from '../api/params.ts';
import { parseVoiceOptions, type VoiceOptions } from '../carrier/emulator/voice/voice-options.ts';
import { twilioCredentialsFromEnv, type TwilioCredentials } from '../carrier/twilio/twilio-client.ts';
import { banner, startServer, type ServerOptions } from '../server/server.ts';

export interface ServeFlags {
  port: string;
  host: string;
  db: string;
  clock: string;
  publicUrl?: string;
  logLevel: string;
  verifySignatures: boolean;
  examples: boolean;
  voiceOption: string[];
  carrier: string;
}

/** `switchboard serve`: the server, until SIGTERM or SIGINT. */
export async function serveCommand(flags: ServeFlags, print: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    print(`--port must be a port number, not "${flags.port}"`);
    return 1;
  }
  if (flags.clock !== 'system' && flags.clock !== 'virtual') {
    print(`--clock must be system or virtual, not "${flags.clock}"`);
    return 1;
  }
  let voice: Partial<VoiceOptions>;
  try {
    voice = parseVoiceOptions(flags.voiceOption);
  } catch (error) {
    print(`--voice-option: ${(error as Error).message}`);
    return 1;
  }
  if (flags.carrier !== 'emulator' && flags.carrier !== 'twilio') {
    print(`--carrier must be emulator or twilio, not "${flags.carrier}"`);
    return 1;
  }
  let twilio: TwilioCredentials | undefined;
  if (flags.carrier === 'twilio') {
    const credentials = twilioCredentialsFromEnv(env);
    if ('error' in credentials) {
      print(`--carrier twilio: ${credentials.error}`);
      return 1;
    }
    if (!flags.publicUrl || !isHttpUrl(flags.publicUrl)) {
      print('--carrier twilio needs --public-url: the base URL Twilio reaches this server at (a tunnel or a reverse proxy, e.g. https://flows.example.com)');
      return 1;
    }
    if (flags.verifySignatures && !credentials.authToken) {
      print('--carrier twilio: Twilio signs webhooks with the auth token, and only an API key is set: set TWILIO_AUTH_TOKEN too, or pass --no-verify-signatures');
      return 1;
    }
    twilio = credentials;
  }
  const options: ServerOptions = {
    voice,
    port,
    host: flags.host,
    db: flags.db,
    clock: flags.clock,
    publicUrl: flags.publicUrl,
    logLevel: flags.logLevel,
    verifySignatures: flags.verifySignatures,
    examples: flags.examples,
    accountSid: env.SWITCHBOARD_ACCOUNT_SID,
    authToken: env.SWITCHBOARD_AUTH_TOKEN,
    twilio,
  };
  const server = await startServer(options);
  print(banner(server, options));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      print('Shutting down…');
      void server.close().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return 0;
}
