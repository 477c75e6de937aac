import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, browserSkipReason, openApp, screenshot } from './support/browser.ts';
import { api } from './support/test-server.ts';

describe.skipIf(browserSkipReason)('the execution inspector, in chromium', { timeout: 60_000 }, () => {
  const session = browserSession({ examples: true });
  let orderBot: string;
  const waiting = '+15555552001';
  const cancelled = '+15555552002';
  const text = (from: string, body: string) => api(session.server, 'POST', `/emulator/v1/Handsets/${from}/Messages`, { To: '+15555550100', Body: body });
  beforeAll(async () => {
    const { body } = await api(session.server, 'GET', '/v2/Flows?PageSize=100');
    orderBot = (body.flows as Array<{ sid: string; friendly_name: string }>).find((flow) => flow.friendly_name === 'order-bot')!.sid;
    // One execution waits for a reply (ask_item); the other is cancelled with STOP, so it has ended.
    await text(cancelled, 'hi');
    await text(cancelled, 'stop');
    await text(waiting, 'hi');
  });

  const listed = (page: Page) => page.getByRole('list', { name: 'Executions' }).getByRole('link');
  const openList = () => openApp(session.browser, session.server, `/flows/${orderBot}?tab=executions`);

  it('lists the executions newest first, and filters them by status, contact and date', async () => {
    const page = await openList();
    await expect.poll(() => listed(page).allTextContents()).toEqual([expect.stringMatching(/^active\+15555552001/), expect.stringMatching(/^ended\+15555552002/)]);

    await page.getByLabel('Status').selectOption('active');
    await expect.poll(() => listed(page).allTextContents()).toEqual([expect.stringMatching(/^active\+15555552001/)]);
    await page.getByLabel('Status').selectOption('ended');
    await expect.poll(() => listed(page).allTextContents()).toEqual([expect.stringMatching(/^ended\+15555552002/)]);

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Contact').fill('2001');
    await expect.poll(() => listed(page).allTextContents()).toEqual([expect.stringMatching(/\+15555552001/)]);
    await page.getByLabel('Contact').fill('');

    await page.getByLabel('Created from').fill('2099-01-01T00:00');
    await page.getByText('No execution matches these filters.').waitFor();
    await page.getByLabel('Created from').fill('');
    await expect.poll(() => listed(page).count()).toBe(2);

    // A new execution shows up live, on top.
    await text('+15555552003', 'hi');
    await expect.poll(() => listed(page).first().textContent()).toMatch(/^active\+15555552003/);
    await page.close();
  });

  it("opens an execution: its steps, a step's context, the context tree by keyboard, live steps, and End execution", async () => {
    const page = await openList();
    await listed(page).filter({ hasText: waiting }).click();
    await expect.poll(() => page.url()).toMatch(/\?tab=executions&execution=FN/);
    const timeline = page.getByRole('list', { name: 'Step timeline' });
    await page.getByRole('heading', { name: 'Steps (2)' }).waitFor();
    expect(await timeline.getByRole('listitem').count()).toBe(2);

    // The set-variables step's context is the whole context then: the variables it set, the trigger, the widgets.
    const stepContext = page.getByRole('button', { name: /^Context of step 2: init_order to ask_item/ });
    await stepContext.click();
    expect(await stepContext.getAttribute('aria-expanded')).toBe('true');
    const stepTree = page.getByRole('list', { name: 'Context of step 2' });
    await stepTree.getByText('"http://127.0.0.1:4010/orders"').first().waitFor();
    for (const key of ['flow', 'trigger', 'widgets']) expect(await stepTree.getByRole('button', { name: new RegExp(`^${key}\\b`) }).count()).toBe(1);

    // The execution's context: flow is open, its variables open with Enter and close with the Left arrow.
    const context = page.getByRole('list', { name: 'Execution context' });
    const variables = context.getByRole('button', { name: /^variables/ });
    expect(await variables.getAttribute('aria-expanded')).toBe('false');
    await variables.focus();
    await page.keyboard.press('Enter');
    await context.getByText('retries').waitFor();
    expect(await variables.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => context.getByText('retries').count()).toBe(0);
    await page.keyboard.press('ArrowRight');
    await context.getByText('retries').waitFor();

    // A reply that is not on the menu loops back to ask_item: the timeline grows live.
    await text(waiting, 'pasta');
    await page.getByRole('heading', { name: 'Steps (6)' }).waitFor();
    await timeline.getByText('route_item → count_retry').waitFor();
    await screenshot(page, 'executions');

    await page.getByRole('button', { name: 'End execution' }).click();
    await page.getByRole('heading', { name: `${waiting} ended` }).waitFor();
    expect(await page.getByRole('button', { name: 'End execution' }).count()).toBe(0);
    const ended = await api(session.server, 'GET', `/v2/Flows/${orderBot}/Executions?Status=active`);
    expect(ended.body.executions.map((execution: { contact_channel_address: string }) => execution.contact_channel_address)).not.toContain(waiting);

    await page.getByRole('link', { name: '← All executions' }).click();
    await expect.poll(() => listed(page).filter({ hasText: waiting }).textContent()).toMatch(/^ended/);
    await page.close();
  });
});
