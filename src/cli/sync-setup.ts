import { twilioCredentialsFromEnv } from '../carrier/twilio/twilio-client.ts';
import { loadEnvironment } from '../sync/environments.ts';
import { twilioStudioRemote } from '../sync/studio-remote.ts';
import type { SyncContext } from '../sync/sync-context.ts';
import { SyncError } from '../sync/sync-error.ts';

/** How pull, push and status reach the world; tests pass their own `env`. */
export interface SyncIo {
  env: NodeJS.ProcessEnv;
  print: (line: string) => void;
  printError: (line: string) => void;
}

export interface EnvironmentOptions {
  /** The environments file; switchboard.env.yaml when only --environment is given. */
  env?: string;
  environment?: string;
}

export const defaultEnvironmentsFile = 'switchboard.env.yaml';

/**
 * Runs a sync command: credentials from the environment variables, the chosen environment, and
 * every SyncError printed as one line with its exit code (never a stack trace).
 */
export async function runSync(options: EnvironmentOptions, io: SyncIo, command: (context: SyncContext) => Promise<number | void>): Promise<number> {
  try {
    const credentials = twilioCredentialsFromEnv(io.env);
    if ('error' in credentials) throw new SyncError(`${credentials.error}: sync needs the credentials of the Twilio account (or Switchboard server) to talk to`, 2);
    if (options.env && !options.environment) throw new SyncError(`--env ${options.env} needs --environment NAME to say which environment's values to use`, 2);
    const environment = options.environment ? await loadEnvironment(options.env ?? defaultEnvironmentsFile, options.environment) : undefined;
    return (await command({ remote: twilioStudioRemote(credentials), environment, print: io.print })) ?? 0;
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    io.printError(error.message);
    return error.exitCode;
  }
}
