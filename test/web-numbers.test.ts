import { describe, expect, it } from 'vitest';
import { browserSession, browserSkipReason, openApp, screenshot } from './support/browser.ts';
import { accountSid, api } from './support/test-server.ts';
import { publishFlow } from './support/voice-harness.ts';

/** Answers every text with what it said. */
const echoFlow = {
  description: 'Echo',
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [{ event: 'incomingMessage', next: 'reply' }] },
    { name: 'reply', type: 'send-message', properties: { offset: { x: 0, y: 200 }, body: 'You said: {{trigger.message.Body}}' }, transitions: [] },
  ],
};

const numbersPath = `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`;

describe.skipIf(browserSkipReason)('the numbers page, in chromium', { timeout: 60_000 }, () => {
  const session = browserSession({ examples: true });

  const numberNamed = async (phoneNumber: string) =>
    (await api(session.server, 'GET', `${numbersPath}?PhoneNumber=${encodeURIComponent(phoneNumber)}`)).body.incoming_phone_numbers[0];

  it("shows what each number points at: the examples' flows by name", async () => {
    const page = await openApp(session.browser, session.server, '/numbers');
    const orderBot = page.getByRole('row').filter({ hasText: '+15555550100' });
    await orderBot.getByRole('link', { name: 'order-bot' }).waitFor();
    const ivr = page.getByRole('row').filter({ hasText: '+15555550101' });
    expect(await ivr.getByRole('cell').allTextContents()).toEqual(['+15555550101', 'Pizza IVR example', 'Flow pizza-ivr', '—']);
    await page.close();
  });

  it('buys a number, points its messaging at a flow, and shows the texts to it and the replies live', async () => {
    const { flowSid, webhook } = await publishFlow(session.server, echoFlow, 'Echo');
    const page = await openApp(session.browser, session.server, '/numbers');
    await page.getByRole('button', { name: 'Buy a number' }).click();
    const dialog = page.getByRole('dialog', { name: 'Buy a number' });
    await dialog.getByLabel('Phone number (E.164)').fill('5550002000');
    await dialog.getByRole('button', { name: 'Buy' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('is not an E.164 number');
    await dialog.getByLabel('Phone number (E.164)').fill('+15550002000');
    await dialog.getByLabel('Friendly name').fill('Support line');
    await dialog.getByRole('button', { name: 'Buy' }).click();
    await page.getByRole('heading', { name: '+15550002000 Support line' }).waitFor();
    const bought = await numberNamed('+15550002000');
    expect(page.url()).toContain(`#/numbers/${bought.sid}`);
    await page.getByRole('region', { name: 'Recent messages' }).getByText('No messages yet.').waitFor();

    const messaging = page.getByRole('group', { name: 'Messaging' });
    await messaging.getByLabel('Handled by').selectOption({ label: 'A flow' });
    await messaging.getByLabel('Flow').selectOption({ label: 'Echo' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await numberNamed('+15550002000')).toMatchObject({ sms_url: webhook, voice_url: '', friendly_name: 'Support line' });
    const row = page.getByRole('row').filter({ hasText: '+15550002000' });
    await row.getByRole('link', { name: 'Echo' }).waitFor();
    expect(await row.getByRole('link', { name: 'Echo' }).getAttribute('href')).toBe(`#/flows/${flowSid}`);

    const texted = await api(session.server, 'POST', '/emulator/v1/Handsets/+15551230000/Messages', { To: '+15550002000', Body: 'hello there' });
    expect(texted.status).toBe(201);
    const messages = page.getByRole('region', { name: 'Recent messages' }).getByRole('listitem');
    await expect.poll(() => messages.count()).toBe(2);
    const texts = await messages.allTextContents();
    expect(texts.find((text) => text.includes('hello there') && !text.includes('You said'))).toContain('From +15551230000');
    expect(texts.find((text) => text.includes('You said: hello there'))).toContain('To +15551230000');
    await screenshot(page, 'numbers');
    await page.close();
  });

  it("points voice at a TwiML Bin, voice at a URL, clears messaging, and lists the number's calls", async () => {
    const bin = await api(session.server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'Closed message', Twiml: '<Response><Say>We are closed.</Say></Response>' });
    await api(session.server, 'POST', numbersPath, { PhoneNumber: '+15550003000', SmsUrl: 'https://example.com/sms' });
    const number = await numberNamed('+15550003000');
    const page = await openApp(session.browser, session.server, `/numbers/${number.sid}`);
    const row = page.getByRole('row').filter({ hasText: '+15550003000' });
    await row.getByText('https://example.com/sms').waitFor();
    const voice = page.getByRole('group', { name: 'Voice' });
    const messaging = page.getByRole('group', { name: 'Messaging' });
    expect(await messaging.getByLabel('URL').inputValue()).toBe('https://example.com/sms');

    await voice.getByLabel('Handled by').selectOption({ label: 'A TwiML Bin' });
    await voice.getByLabel('TwiML Bin').selectOption({ label: 'Closed message' });
    await messaging.getByLabel('Handled by').selectOption({ label: 'Nothing' });
    await page.getByRole('button', { name: 'Save' }).click();
    await row.getByText('TwiML Bin Closed message').waitFor();
    expect(await numberNamed('+15550003000')).toMatchObject({ voice_url: bin.body.url, sms_url: '' });

    await page.getByRole('region', { name: 'Recent calls' }).getByText('No calls yet.').waitFor();
    const called = await api(session.server, 'POST', '/emulator/v1/Handsets/+15551239999/Calls', { To: '+15550003000' });
    expect(called.status).toBe(201);
    const calls = page.getByRole('region', { name: 'Recent calls' }).getByRole('listitem');
    await expect.poll(() => calls.allTextContents()).toEqual([expect.stringContaining('From +15551239999')]);
    await expect.poll(() => calls.first().textContent()).toContain('completed');

    await voice.getByLabel('Handled by').selectOption({ label: 'A URL' });
    await voice.getByLabel('URL').fill('https://example.com/voice');
    await page.getByRole('button', { name: 'Save' }).click();
    await row.getByText('https://example.com/voice').waitFor();
    expect((await numberNamed('+15550003000')).voice_url).toBe('https://example.com/voice');
    await page.close();
  });
});
