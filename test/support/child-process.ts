import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** The project's root, where `bin/switchboard.js` is. */
export const projectRoot = join(import.meta.dirname, '..', '..');

/**
 * For tests that start Switchboard in its own process: a cold tsx start takes seconds on a busy
 * machine (the browser tests run beside them), far past vitest's 5 s default.
 */
export const childProcessTimeout = 30_000;

/** A loopback port that was free a moment ago, for a server that must keep its port across restarts. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `node <args>` in the project's root and resolves once its output includes `ready`; `heard` gets all of its output. */
export function startProcess(args: string[], ready: string, env: Record<string, string> = {}, heard?: (chunk: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      heard?.(String(chunk));
      if (output.includes(ready)) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`node ${args.join(' ')} exited with ${code}: ${output}`)));
  });
}

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `switchboard` command, as a user would, with `stdin` piped in (text or a stream). */
export function runSwitchboard(args: string[], stdin?: Readable | string): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'switchboard.js'), ...args], { cwd: projectRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (typeof stdin === 'object') stdin.pipe(child.stdin);
    else child.stdin.end(stdin ?? '');
  });
}
