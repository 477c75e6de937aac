import { buildWebApp } from '../../scripts/build-web.ts';

/** Vitest global setup: the browser tests need dist/web as the sources are now. */
export default async function setup(): Promise<void> {
  await buildWebApp({ ifStale: true });
}
