import { parseVoiceOptions, type VoiceOptions } from '../carrier/emulator/voice/voice-options.ts';
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
}

/** `switchboard serve`: the server, until SIGTERM or SIGINT. */
export async function serveCommand(flags: ServeFlags, print: (line: string) => void): Promise<number> {
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
    accountSid: process.env.SWITCHBOARD_ACCOUNT_SID,
    authToken: process.env.SWITCHBOARD_AUTH_TOKEN,
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
