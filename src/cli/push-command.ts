import { push, type PushOptions } from '../sync/push.ts';
import { runSync, type EnvironmentOptions, type SyncIo } from './sync-setup.ts';

export type PushCommandOptions = PushOptions & EnvironmentOptions;

/** `switchboard push`: files into Studio flows; exit 1 when the remote or a file fails, 2 on usage errors. */
export function pushCommand(files: string[], options: PushCommandOptions, io: SyncIo): Promise<number> {
  return runSync(options, io, (context) => push(files, options, context));
}
