import { describeStatus, syncStatus } from '../sync/status.ts';
import { runSync, type EnvironmentOptions, type SyncIo } from './sync-setup.ts';

export type StatusCommandOptions = { dir: string; json?: boolean } & EnvironmentOptions;

/** `switchboard status`: local files against remote flows; exit 0 whatever the differences. */
export function statusCommand(options: StatusCommandOptions, io: SyncIo): Promise<number> {
  return runSync(options, io, async (context) => {
    const rows = await syncStatus(options.dir, context);
    if (options.json) io.print(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) io.print(`${options.dir}: no flow files, and no flows on ${context.remote.name}`);
    else rows.forEach((row) => io.print(describeStatus(row)));
  });
}
