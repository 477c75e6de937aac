import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { signInUrl, type RunningServer, type ServerOptions } from '../../src/server/server.ts';
import { testServer } from './test-server.ts';

/** Debian's chromium, or the one CHROMIUM_PATH names. */
const chromiumPath = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

/** Screenshots the browser tests take; git ignores this folder. */
export const screenshotFolder = join(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');

/**
 * Why the browser tests cannot run here, or undefined when they can. Under CI=true a missing
 * browser is a failure, not a skip: the tests must run there.
 */
export const browserSkipReason: string | undefined = chromiumPath || process.env.CI === 'true'
  ? undefined
  : 'browser tests skipped: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)';
if (browserSkipReason) console.warn(browserSkipReason);

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error('CI=true but no chromium is installed: .ci/run installs it with apt-get');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A page at 1280×800, signed in through the banner's link, on the app path given. */
export async function openApp(browser: Browser, server: RunningServer, path = '/flows', viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(signInUrl(server.url, server.account));
  await page.waitForURL(/#\/flows/);
  if (path !== '/flows') await page.goto(`${server.url}/#${path}`);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotFolder, { recursive: true });
  await page.screenshot({ path: join(screenshotFolder, `${name}.png`) });
}

/**
 * A real server (testServer with these options) and a chromium for one test file: started
 * before its tests, closed after them. Read `session.server` and `session.browser` in tests.
 */
export function browserSession(options: Partial<ServerOptions> = {}): { readonly server: RunningServer; readonly browser: Browser } {
  const session = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    [session.server, session.browser] = await Promise.all([testServer(options), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}
