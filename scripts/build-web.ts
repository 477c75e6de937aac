/**
 * Builds the web app into dist/web with Vite. `--if-stale` builds only when a source is newer
 * than the last build, so `npm start` and the browser tests can call it every time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const root = join(import.meta.dirname, '..');
const sources = [join(root, 'src', 'web'), join(root, 'vite.config.ts'), join(root, 'package-lock.json')];
const builtPage = join(root, 'dist', 'web', 'index.html');

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

export function webAppIsStale(): boolean {
  return !existsSync(builtPage) || Math.max(...sources.map(newestChange)) > statSync(builtPage).mtimeMs;
}

export async function buildWebApp({ ifStale = false } = {}): Promise<void> {
  if (ifStale && !webAppIsStale()) return;
  process.stdout.write('Building the web app (dist/web)…\n');
  // Always the production bundle: under vitest NODE_ENV is "test", and Vite and the React plugin
  // would build development code (jsxDEV, React's dev build) into dist/web, which `npm start`
  // then serves as up to date. Vite reads NODE_ENV itself, so it is set for the build alone.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildWebApp({ ifStale: process.argv.includes('--if-stale') });
}
