import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { browserSkipReason, launchBrowser, openApp, screenshot } from './support/browser.ts';
import { testServer } from './support/test-server.ts';

describe.skipIf(browserSkipReason)('the web app shell, in chromium', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([testServer({ examples: true }), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in through the banner link, forgets the token in the address bar, and lists the examples', async () => {
    const page = await openApp(browser, server);
    expect(page.url()).not.toContain(server.account.authToken);
    await expect.poll(() => page.getByRole('link', { name: 'pizza-ivr' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'flows');
    await page.close();
  });

  it('asks for credentials when none are stored, and refuses wrong ones', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByLabel('Account SID').fill(server.account.sid);
    await page.getByLabel('Auth token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
    await page.getByLabel('Auth token').fill(server.account.authToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.close();
  });
});
