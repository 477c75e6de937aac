import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app: src/web built into dist/web, which `switchboard serve` serves at `/`. */
const server = process.env.SWITCHBOARD_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true },
  // `npm run dev:web` serves the app with hot reload and sends API calls to a running server.
  server: { proxy: Object.fromEntries(['/v2', '/2010-04-01', '/emulator', '/app', '/v1', '/twiml'].map((path) => [path, { target: server, ws: true }])) },
});
