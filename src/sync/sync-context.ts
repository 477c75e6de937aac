import type { Environment } from './environments.ts';
import type { StudioRemote } from './studio-remote.ts';

/** What pull, push and status work with: the remote, the chosen environment, and where to report. */
export interface SyncContext {
  remote: StudioRemote;
  environment?: Environment;
  print: (line: string) => void;
}
