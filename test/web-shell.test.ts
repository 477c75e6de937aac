import { describe, expect, it } from 'vitest';
import { browserSession, browserSkipReason, openApp, screenshot } from './support/browser.ts';

describe.skipIf(browserSkipReason)('the web app shell, in chromium', { timeout: 60_000 }, () => {
  const session = browserSession({ examples: true });

  it('signs in through the banner link, forgets the token in the address bar, and lists the examples', async () => {
    const page = await openApp(session.browser, session.server);
    expect(page.url()).not.toContain(session.server.account.authToken);
    await expect.poll(() => page.getByRole('link', { name: 'pizza-ivr' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'flows');
    await page.close();
  });

  it('asks for credentials when none are stored, and refuses wrong ones', async () => {
    const page = await session.browser.newPage();
    await page.goto(session.server.url);
    await page.getByLabel('Account SID').fill(session.server.account.sid);
    await page.getByLabel('Auth token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
    await page.getByLabel('Auth token').fill(session.server.account.authToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Flows' }).waitFor();
    await page.close();
  });
});
