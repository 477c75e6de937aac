import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { browserSession, browserSkipReason, openApp, screenshot } from './support/browser.ts';
import { api } from './support/test-server.ts';

describe.skipIf(browserSkipReason)('the simulator panel, in chromium', { timeout: 60_000 }, () => {
  const session = browserSession({ examples: true });

  const flowSid = async (friendlyName: string) => {
    const { body } = await api(session.server, 'GET', '/v2/Flows?PageSize=100');
    return (body.flows as Array<{ sid: string; friendly_name: string }>).find((flow) => flow.friendly_name === friendlyName)!.sid;
  };
  const openSimulator = (sid: string) => openApp(session.browser, session.server, `/flows/${sid}?tab=simulator`);
  const thread = (page: Page) => page.getByRole('log', { name: /^Messages between/ });
  const latest = (page: Page) => page.getByRole('region', { name: 'Latest execution' });

  it('texts the order bot, shows its reply in the thread, and opens the execution with its steps', async () => {
    const page = await openSimulator(await flowSid('order-bot'));
    await expect.poll(() => page.getByText('+15555550100').count()).toBeGreaterThan(0);
    await page.getByRole('textbox', { name: 'Message' }).fill('hi');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await thread(page).getByText(/^What would you like\? Reply PIZZA/).waitFor();
    await expect.poll(() => thread(page).getByText('hi', { exact: true }).count()).toBe(1);
    await expect.poll(() => latest(page).textContent()).toMatch(/active.*2 steps.*at ask_item/);
    await screenshot(page, 'simulator-sms');

    await latest(page).getByRole('link', { name: 'Open in Executions' }).click();
    const timeline = page.getByRole('list', { name: 'Step timeline' });
    await expect.poll(() => timeline.getByRole('listitem').count()).toBe(2);
    expect(await timeline.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Trigger → init_order\s*incomingMessage/),
      expect.stringMatching(/^init_order → ask_item\s*next/),
    ]);
    await page.close();
  });

  it('calls the pizza IVR from the phone: hears the menu, presses a key, hears the special, hangs up', async () => {
    const page = await openSimulator(await flowSid('pizza-ivr'));
    await page.getByRole('tab', { name: 'Phone' }).click();
    await page.getByRole('button', { name: 'Call +15555550101' }).click();
    const heard = page.getByRole('log', { name: 'What the caller hears' });
    await heard.getByText('Thanks for calling Switchboard Pizza.').waitFor();
    await heard.getByText("Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop.").waitFor();
    await page.getByText('Waiting for you to press keys or say something').waitFor();

    // Read aloud hands each new prompt to the browser's speech synthesis.
    await page.evaluate(() => {
      const spoken: string[] = [];
      Object.assign(window, { spoken });
      speechSynthesis.speak = (utterance) => void spoken.push(utterance.text);
    });
    await page.getByRole('checkbox', { name: 'Read aloud' }).check();
    await page.getByRole('button', { name: 'Key 1' }).click();
    await heard.getByText('You pressed 1').waitFor();
    await expect.poll(() => page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual([
      "Today's special is a large margherita for ten dollars.",
      "Press 1 for today's special, 2 to leave a message, or 3 to talk to the shop.",
    ]);
    await heard.getByText("Today's special is a large margherita for ten dollars.").waitFor();
    await screenshot(page, 'simulator-phone');

    await page.getByRole('button', { name: 'Hang up' }).click();
    await heard.getByText('You hung up').waitFor();
    await heard.getByText('Call completed').waitFor();
    await page.getByRole('button', { name: 'Call +15555550101' }).waitFor();
    expect(await page.getByRole('button', { name: 'Key 2' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('runs a draft that was never published, giving the flow a number first', async () => {
    const definition = {
      description: 'draft only',
      initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'reply' }, { event: 'incomingCall' }, { event: 'incomingRequest' }] },
        { name: 'reply', type: 'send-message', properties: { body: 'Draft heard: {{trigger.message.Body}}' }, transitions: [{ event: 'sent' }, { event: 'failed' }] },
      ],
    };
    const created = await api(session.server, 'POST', '/v2/Flows', { FriendlyName: 'draft only', Status: 'draft', Definition: JSON.stringify(definition) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = await openSimulator(created.body.sid);
    await page.getByRole('button', { name: 'Give this flow a number' }).click();
    await page.getByText(/\+1555555\d{4} \(SMS and voice\)/).waitFor();
    await page.getByRole('textbox', { name: 'Message' }).fill('anyone there?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await thread(page).getByText('Draft heard: anyone there?').waitFor();

    const flow = await api(session.server, 'GET', `/v2/Flows/${created.body.sid}`);
    expect(flow.body.status).toBe('draft');
    const testUsers = await api(session.server, 'GET', `/v2/Flows/${created.body.sid}/TestUsers`);
    expect(testUsers.body.test_users).toEqual(['+15555551234']);

    // A new handset is a fresh contact with an empty thread, and the flow remembers it.
    await page.getByRole('button', { name: 'New handset' }).click();
    await expect.poll(() => page.getByLabel('Handset').inputValue()).toBe('+15555551235');
    await thread(page).getByText('No messages yet').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Handset').inputValue()).toBe('+15555551235');
    await page.close();
  });

  it('triggers the appointment reminder over REST with parameters, and advances the clock to its timeout', async () => {
    const page = await openSimulator(await flowSid('appointment-reminder'));
    await page.getByRole('button', { name: 'Give this flow a number' }).click();
    await page.getByText(/\+1555555\d{4} \(SMS and voice\)/).waitFor();
    await page.getByRole('tab', { name: 'REST' }).click();
    const parameters = page.getByRole('textbox', { name: /^Parameters/ });
    await parameters.fill('{"name": "Ada", when: "Monday"}');
    await page.getByRole('button', { name: 'Start execution' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/^Parameters are not valid JSON/);

    await parameters.fill('{"name": "Ada", "when": "Monday at 10:00"}');
    await page.getByRole('button', { name: 'Start execution' }).click();
    await expect.poll(() => latest(page).textContent()).toMatch(/active.*1 step.*at send_reminder/);
    await page.getByRole('tab', { name: 'SMS' }).click();
    await thread(page).getByText('Hi Ada, this is a reminder of your appointment on Monday at 10:00. Reply C to confirm or R to reschedule.').waitFor();

    await page.getByRole('spinbutton', { name: 'Advance by seconds' }).fill('3600');
    await page.getByRole('button', { name: 'Advance' }).click();
    await expect.poll(() => latest(page).textContent()).toMatch(/ended.*3 steps.*last send_no_reply/);
    await thread(page).getByText('We did not hear back; we will call you to confirm.').waitFor();
    await page.close();
  });

  it('saves a short SMS session with the order bot as a flow test file', async () => {
    const page = await openSimulator(await flowSid('order-bot'));
    // A fresh contact, so that the session is this test's own.
    await page.getByRole('button', { name: 'New handset' }).click();
    await thread(page).getByText('No messages yet').waitFor();
    const contact = await page.getByLabel('Handset').inputValue();
    for (const [text, reply] of [['hi', /^What would you like\?/], ['pizza', /^How many pizza orders\?/]] as const) {
      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await thread(page).getByText(reply).waitFor();
    }
    await expect.poll(() => latest(page).textContent()).toMatch(/active.*at ask_quantity/);

    const [download] = await Promise.all([page.waitForEvent('download'), latest(page).getByRole('button', { name: 'Save as test' }).click()]);
    expect(download.suggestedFilename()).toBe('order-bot.flowtest.yaml');
    const file = parse(await readFile(await download.path(), 'utf8'));
    expect(file).toMatchObject({ flow: 'order-bot.json', channel: 'sms', contact, number: '+15555550100', mocks: [] });
    expect(file.tests[0].turns).toEqual([
      { send: 'hi' },
      { expect: { message: 'What would you like? Reply PIZZA ($12), SALAD ($8) or SODA ($2). Reply STOP to cancel.' } },
      { send: 'pizza' },
      { expect: { message: 'How many pizza orders? Reply a number from 1 to 10.' } },
      { expect: { path: ['init_order', 'ask_item', 'route_item', 'save_item', 'ask_quantity'], ended: false } },
    ]);
    await page.close();
  });
});
