import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, browserSkipReason, openApp, screenshot } from './support/browser.ts';
import { api } from './support/test-server.ts';

const trigger = (next: string) => ({ name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [{ event: 'incomingMessage', next }] });
const sendMessage = (name: string, body: string, next: string | undefined, offset = { x: 0, y: 200 }) => ({
  name,
  type: 'send-message',
  properties: { offset, body },
  transitions: next ? [{ event: 'sent', next }] : [],
});

/** Revision 1: greet, then farewell. */
const first = { initial_state: 'Trigger', states: [trigger('greet'), sendMessage('greet', 'Hello', 'farewell'), sendMessage('farewell', 'Bye', undefined, { x: 0, y: 400 })] };
/** Revision 2, a draft: greet says more. */
const second = { ...first, states: [trigger('greet'), sendMessage('greet', 'Hello there', 'farewell'), first.states[2]] };
/** Revision 3, published: greet reworded and moved, farewell gone, ask added after greet. */
const third = {
  initial_state: 'Trigger',
  states: [
    trigger('greet'),
    sendMessage('greet', 'Hi there!', 'ask', { x: 120, y: 200 }),
    { name: 'ask', type: 'send-and-wait-for-reply', properties: { offset: { x: 0, y: 400 }, body: 'What now?' }, transitions: [] },
  ],
};

describe.skipIf(browserSkipReason)('the revisions panel, in chromium', { timeout: 60_000 }, () => {
  const session = browserSession();
  let flowSid: string;
  beforeAll(async () => {
    const created = await api(session.server, 'POST', '/v2/Flows', { FriendlyName: 'Greeter', Status: 'draft', Definition: JSON.stringify(first), CommitMessage: 'First cut' });
    flowSid = created.body.sid;
    expect((await api(session.server, 'POST', `/v2/Flows/${flowSid}`, { Status: 'draft', Definition: JSON.stringify(second) })).status).toBe(200);
    const published = await api(session.server, 'POST', `/v2/Flows/${flowSid}`, { Status: 'published', Definition: JSON.stringify(third), CommitMessage: 'Ask what now' });
    expect(published.body, JSON.stringify(published.body)).toMatchObject({ revision: 3, status: 'published' });
  });

  const openRevisions = async (): Promise<Page> => {
    const page = await openApp(session.browser, session.server, `/flows/${flowSid}?tab=revisions`);
    await page.getByRole('tab', { name: 'Revisions', selected: true }).waitFor();
    return page;
  };
  const revisionItems = (page: Page) => page.getByRole('list', { name: 'Revisions, newest first' }).getByRole('listitem');

  it('lists the revisions, and compares any two: widgets added, removed and changed, with properties before → after', async () => {
    const page = await openRevisions();
    await expect.poll(() => revisionItems(page).count()).toBe(3);
    const [latest, draft, oldest] = await revisionItems(page).allTextContents();
    expect(latest).toMatch(/Revision 3.*published.*latest.*Ask what now/);
    expect(draft).toMatch(/Revision 2.*draft.*No commit message/);
    expect(oldest).toMatch(/Revision 1.*draft.*First cut/);

    // The latest two are chosen at first: 2 → 3.
    expect(await page.getByLabel('From revision').inputValue()).toBe('2');
    expect(await page.getByLabel('To revision').inputValue()).toBe('3');
    await page.getByLabel('From revision').selectOption('1');
    await page.getByRole('button', { name: 'Compare' }).click();
    const diff = page.getByRole('region', { name: 'Revision 1 → revision 3' });
    await diff.getByText('1 widget added, 1 widget removed, 1 widget changed.').waitFor();
    expect(await diff.getByRole('region', { name: 'Added widgets (1)' }).textContent()).toContain('ask send-and-wait-for-reply');
    expect(await diff.getByRole('region', { name: 'Removed widgets (1)' }).textContent()).toContain('farewell');
    const changed = diff.getByRole('region', { name: 'Changed widgets (1)' });
    expect(await changed.textContent()).toContain('Moved on the canvas');
    // Each row reads as words too, not by colour alone.
    const read = await changed.ariaSnapshot();
    expect(read).toMatch(/code: body\s+- text: was "Hello" , now "Hi there!"/);
    expect(read).toMatch(/code: sent\s+- text: was farewell , now ask/);
    await screenshot(page, 'revisions-diff');

    await page.getByLabel('From revision').selectOption('2');
    await page.getByLabel('To revision').selectOption('2');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByText('No differences between revision 2 and revision 2.').waitFor();
    await page.close();
  });

  it('restores an old revision as a new draft revision', async () => {
    const page = await openRevisions();
    await page.getByRole('button', { name: 'Restore revision 1' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Restored' }).textContent()).toBe('Restored revision 1 as revision 4, a draft.');
    await expect.poll(() => revisionItems(page).count()).toBe(4);
    expect(await revisionItems(page).first().textContent()).toMatch(/Revision 4.*draft.*latest.*Restored revision 1/);
    const flow = (await api(session.server, 'GET', `/v2/Flows/${flowSid}`)).body;
    expect(flow).toMatchObject({ revision: 4, status: 'draft', commit_message: 'Restored revision 1', definition: first });
    // The defaults follow: now 3 → 4, which undoes revision 3's changes.
    expect(await page.getByLabel('From revision').inputValue()).toBe('3');
    expect(await page.getByLabel('To revision').inputValue()).toBe('4');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByText('1 widget added, 1 widget removed, 1 widget changed.').waitFor();
    expect(await page.getByRole('region', { name: 'Added widgets (1)' }).textContent()).toContain('farewell');
    await page.close();
  });

  it('shows a change made on the canvas and published as a property change between the two revisions', async () => {
    const created = await api(session.server, 'POST', '/v2/Flows', { FriendlyName: 'Edited greeter', Status: 'published', Definition: JSON.stringify(first), CommitMessage: 'First cut' });
    const page = await openApp(session.browser, session.server, `/flows/${created.body.sid}`);
    await page.locator('.react-flow__node[data-id="greet"]').click();
    await page.getByLabel('Body', { exact: true }).fill('Hello, world');
    await page.getByLabel('Body', { exact: true }).press('Tab');
    await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish flow' });
    await dialog.getByLabel('Commit message').fill('Warmer greeting');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('revision 2');

    await page.getByRole('tab', { name: 'Revisions' }).click();
    expect(await revisionItems(page).first().textContent()).toMatch(/Revision 2.*published.*latest.*Warmer greeting/);
    await page.getByRole('button', { name: 'Compare' }).click();
    const changed = page.getByRole('region', { name: 'Revision 1 → revision 2' }).getByRole('region', { name: 'Changed widgets (1)' });
    expect(await changed.ariaSnapshot()).toMatch(/code: body\s+- text: was "Hello" , now "Hello, world"/);
    await page.close();
  });

  it('adds and removes test users, saving the whole list each time', async () => {
    const page = await openRevisions();
    await page.getByText('No test users yet.').waitFor();
    const input = page.getByLabel('Test user number');
    for (const number of ['+15551230000', '+15551230001']) {
      await input.fill(number);
      await page.getByRole('button', { name: 'Add test user' }).click();
      await page.getByRole('listitem').filter({ hasText: number }).waitFor();
    }
    expect((await api(session.server, 'GET', `/v2/Flows/${flowSid}/TestUsers`)).body.test_users).toEqual(['+15551230000', '+15551230001']);
    await input.fill('+15551230001');
    await page.getByRole('button', { name: 'Add test user' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('+15551230001 is a test user already.');

    await page.getByRole('button', { name: 'Remove +15551230000' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Test users' }).getByRole('listitem').allTextContents()).toEqual(['+15551230001Remove']);
    expect((await api(session.server, 'GET', `/v2/Flows/${flowSid}/TestUsers`)).body.test_users).toEqual(['+15551230001']);
    await page.getByRole('button', { name: 'Remove +15551230001' }).click();
    await page.getByText('No test users yet.').waitFor();
    expect((await api(session.server, 'GET', `/v2/Flows/${flowSid}/TestUsers`)).body.test_users).toEqual([]);
    await page.close();
  });
});
