import { pull, type PullOptions } from '../sync/pull.ts';
import { runSync, type EnvironmentOptions, type SyncIo } from './sync-setup.ts';

export type PullCommandOptions = PullOptions & EnvironmentOptions;

/** `switchboard pull`: Studio flows into files; exit 1 when the remote or a file fails, 2 on usage errors. */
export function pullCommand(selectors: string[], options: PullCommandOptions, io: SyncIo): Promise<number> {
  return runSync(options, io, (context) => pull(selectors, options, context));
}
