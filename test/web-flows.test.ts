import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSession, browserSkipReason, openApp, screenshot } from './support/browser.ts';
import { api } from './support/test-server.ts';

/** A v2 flow as Studio exports it: the trigger answers a text. */
const echoFlow = {
  description: 'Echo',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    { name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [{ event: 'incomingMessage', next: 'echo' }] },
    { name: 'echo', type: 'send-message', properties: { offset: { x: 0, y: 200 }, body: 'You said {{trigger.message.Body}}' }, transitions: [] },
  ],
};

const legacySid = (digit: string) => 'FF' + digit.repeat(32);
/** A small flow in Studio's legacy (pre-2019) export format: InitialState → Message, linked by SIDs. */
const legacyFlow = {
  description: 'Legacy greeter',
  states: [
    {
      type: 'InitialState',
      name: 'Trigger',
      sid: legacySid('1'),
      properties: { offset: { x: 0, y: 0 } },
      transitions: [
        { event: 'incomingMessage', conditions: [], next: legacySid('2'), uuid: '5d0c3f7e-8a51-4a43-9c1e-4b7d8e2f6a01' },
        { event: 'incomingCall', conditions: [], next: null, uuid: '5d0c3f7e-8a51-4a43-9c1e-4b7d8e2f6a02' },
        { event: 'incomingRequest', conditions: [], next: null, uuid: '5d0c3f7e-8a51-4a43-9c1e-4b7d8e2f6a03' },
      ],
    },
    {
      type: 'Message',
      name: 'greet',
      sid: legacySid('2'),
      properties: { offset: { x: 0, y: 200 }, body: 'Hello from the old days', from: '{{flow.channel.address}}', to: '{{contact.channel.address}}', media_url: null, service: null, channel: null, attributes: null },
      transitions: [
        { event: 'sent', conditions: [], next: null, uuid: '5d0c3f7e-8a51-4a43-9c1e-4b7d8e2f6a04' },
        { event: 'failed', conditions: [], next: null, uuid: '5d0c3f7e-8a51-4a43-9c1e-4b7d8e2f6a05' },
      ],
    },
  ],
};

describe.skipIf(browserSkipReason)('the flows list, in chromium', { timeout: 60_000 }, () => {
  const session = browserSession({ examples: true });

  const flows = async (): Promise<Array<{ sid: string; friendly_name: string; status: string }>> => (await api(session.server, 'GET', '/v2/Flows?PageSize=1000')).body.flows;
  const flowNamed = async (name: string) => (await flows()).find((flow) => flow.friendly_name === name);
  const definitionOf = async (sid: string) => (await api(session.server, 'GET', `/v2/Flows/${sid}`)).body;
  const flowRow = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

  it('lists the flows with their status, and the search filters by name or SID as one types', async () => {
    const page = await openApp(session.browser, session.server);
    const all = await flows();
    await expect.poll(() => page.getByRole('row').count()).toBe(all.length + 1);
    await expect.poll(() => flowRow(page, 'pizza-ivr').getByText('published').count()).toBe(1);
    await screenshot(page, 'flows-list');

    const search = page.getByRole('searchbox', { name: 'Search flows' });
    await search.fill('PIZZA');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('link', { name: 'pizza-ivr' }).count()).toBe(1);
    const orderBot = all.find((flow) => flow.friendly_name === 'order-bot')!;
    await search.fill(orderBot.sid.slice(-6));
    await expect.poll(() => page.getByRole('table').getByRole('link').allTextContents()).toEqual(['order-bot']);
    await search.fill('no such flow');
    await page.getByText('No flow matches.').waitFor();
    await page.close();
  });

  it('creates a draft flow holding only its Trigger, and opens it', async () => {
    const page = await openApp(session.browser, session.server);
    await page.getByRole('button', { name: 'New flow' }).click();
    await page.getByRole('dialog', { name: 'New flow' }).getByLabel('Flow name').fill('Greeter');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Greeter' }).waitFor();
    const created = await flowNamed('Greeter');
    expect(page.url()).toContain(`#/flows/${created!.sid}`);
    const flow = await definitionOf(created!.sid);
    expect(flow).toMatchObject({ status: 'draft', valid: true, revision: 1 });
    expect(flow.definition.states).toEqual([{ name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [] }]);
    await page.close();
  });

  it('imports a file, named after it, and opens it', async () => {
    const page = await openApp(session.browser, session.server);
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a flow' });
    await dialog.getByLabel('Flow file (.json)').setInputFiles({ name: 'echo-bot.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(echoFlow)) });
    await expect.poll(() => dialog.getByLabel(/Flow JSON/).inputValue()).toContain('You said');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'echo-bot' }).waitFor();
    const imported = await flowNamed('echo-bot');
    expect(page.url()).toContain(`#/flows/${imported!.sid}`);
    expect(await definitionOf(imported!.sid)).toMatchObject({ status: 'draft', valid: true, definition: echoFlow });
    await page.close();
  });

  it('imports pasted legacy JSON converted to v2, and says so', async () => {
    const page = await openApp(session.browser, session.server);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByLabel(/Flow JSON/).fill(JSON.stringify(legacyFlow, null, 2));
    await screenshot(page, 'flows-import');
    await page.getByRole('dialog').getByRole('button', { name: 'Import' }).click();
    const result = page.getByRole('dialog', { name: 'Flow imported' });
    await result.getByText("Converted from Studio's legacy (pre-2019) format.").waitFor();
    expect(await result.getByRole('status').textContent()).toContain('Imported “Legacy greeter” as a draft.');
    await result.getByRole('button', { name: 'Open flow' }).click();
    await page.getByRole('heading', { name: 'Legacy greeter' }).waitFor();
    const { definition } = await definitionOf((await flowNamed('Legacy greeter'))!.sid);
    expect(definition.states.map((state: { type: string }) => state.type)).toEqual(['trigger', 'send-message']);
    expect(definition.states[0].transitions).toContainEqual({ event: 'incomingMessage', next: 'greet' });
    await page.close();
  });

  it('keeps a readable but invalid flow as a draft with its errors listed, and refuses unreadable text', async () => {
    const page = await openApp(session.browser, session.server);
    const before = (await flows()).length;
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Flow JSON/).fill('{"states": [oops');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => dialog.getByRole('alert').first().textContent()).toContain('nothing was imported');
    expect(await dialog.getByRole('alert').first().textContent()).toMatch(/JSON/);
    expect((await flows()).length).toBe(before);

    const broken = { ...echoFlow, description: 'Broken echo', states: [echoFlow.states[0], { ...echoFlow.states[1], transitions: [{ event: 'sent', next: 'nowhere' }] }] };
    await dialog.getByLabel(/Flow JSON/).fill(JSON.stringify(broken));
    await dialog.getByRole('button', { name: 'Import' }).click();
    const result = page.getByRole('dialog', { name: 'Flow imported' });
    await result.getByText('It has an error to fix before it can be published:').waitFor();
    expect(await result.getByRole('listitem').textContent()).toContain('nowhere');
    await result.getByRole('button', { name: 'Close' }).click();
    await flowRow(page, 'Broken echo').getByText('has errors').waitFor();
    expect(await definitionOf((await flowNamed('Broken echo'))!.sid)).toMatchObject({ status: 'draft', valid: false });
    await page.close();
  });

  it("exports a flow's definition as <name>.json, pretty-printed", async () => {
    const page = await openApp(session.browser, session.server);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export order-bot' }).click()]);
    expect(download.suggestedFilename()).toBe('order-bot.json');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain('\n  "states": [\n');
    expect(JSON.parse(text)).toEqual((await definitionOf((await flowNamed('order-bot'))!.sid)).definition);
    await page.close();
  });

  it('duplicates a flow as a draft copy, and deletes it after asking', async () => {
    const page = await openApp(session.browser, session.server);
    await page.getByRole('button', { name: 'Duplicate order-bot' }).click();
    await flowRow(page, 'order-bot copy').getByText('draft').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('Created “order-bot copy” as a draft.');
    const copy = (await flowNamed('order-bot copy'))!;
    const original = (await flowNamed('order-bot'))!;
    expect((await definitionOf(copy.sid)).definition).toEqual((await definitionOf(original.sid)).definition);

    await page.getByRole('button', { name: 'Delete order-bot copy' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “order-bot copy”?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await flowRow(page, 'order-bot copy').count()).toBe(1);
    await page.getByRole('button', { name: 'Delete order-bot copy' }).click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => flowRow(page, 'order-bot copy').count()).toBe(0);
    expect((await api(session.server, 'GET', `/v2/Flows/${copy.sid}`)).status).toBe(404);
    expect(await flowRow(page, 'order-bot').count()).toBe(1);
    await page.close();
  });
});
