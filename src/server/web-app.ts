import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run build:web` writes the web app (see scripts/build-web.ts). */
export const webAppFolder = join(import.meta.dirname, '..', '..', 'dist', 'web');

/**
 * The web app at `/`: the static files Vite built. The app routes with the URL's fragment, so
 * `/` and `/assets/…` are all it needs; every other path stays with the APIs.
 */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (!existsSync(join(webAppFolder, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send('<!doctype html><title>Switchboard</title><p>The web app is not built yet: run <code>npm run build:web</code> and reload.</p>'),
    );
    return;
  }
  // wildcard: false serves exactly the files built, so unknown paths keep Twilio's 404 JSON.
  await app.register(fastifyStatic, { root: webAppFolder, wildcard: false, index: 'index.html', cacheControl: false, setHeaders: cacheHeaders });
}

/** Vite's asset names carry a content hash, so they can be cached for good; the page cannot. */
function cacheHeaders(response: { setHeader(name: string, value: string): void }, path: string): void {
  response.setHeader('cache-control', path.includes(`${join('web', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}
