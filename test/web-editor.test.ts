import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { browserSession, browserSkipReason, openApp, screenshot } from './support/browser.ts';
import { api } from './support/test-server.ts';

/** Reference flow 03, from the shared folder beside the checkout (CI has it there). */
const frontlineFile = join(import.meta.dirname, '..', '..', 'shared', 'reference', 'flows', '03-frontline-airtable-bot.json');

interface State {
  name: string;
  type: string;
  transitions: Array<{ event: string; next?: string; conditions?: Array<{ friendly_name: string; type: string; value: string; arguments: string[] }> }>;
  properties: Record<string, unknown> & { offset?: { x: number; y: number } };
}

const trigger = (transitions: State['transitions'] = [], offset: { x: number; y: number } | null = { x: 0, y: 0 }): State => ({
  name: 'Trigger',
  type: 'trigger',
  transitions: [{ event: 'incomingMessage' }, { event: 'incomingCall' }, { event: 'incomingRequest' }, ...transitions],
  properties: offset ? { offset } : {},
});

async function createFlow(server: RunningServer, name: string, states: State[], status = 'draft'): Promise<string> {
  const definition = { description: name, initial_state: 'Trigger', states, flags: { allow_concurrent_calls: true } };
  const { status: code, body } = await api(server, 'POST', '/v2/Flows', { FriendlyName: name, Status: status, Definition: JSON.stringify(definition) });
  expect(code, body.message).toBe(201);
  return body.sid;
}

async function definitionOf(server: RunningServer, flowSid: string): Promise<{ status: string; revision: number; definition: { states: State[] } }> {
  return (await api(server, 'GET', `/v2/Flows/${flowSid}`)).body;
}

const node = (page: Page, name: string) => page.locator(`.react-flow__node[data-id="${name}"]`);
const handle = (page: Page, name: string, id: string) => page.locator(`.react-flow__handle[data-nodeid="${name}"][data-handleid="${id}"]`);
const sourceHandles = (page: Page, name: string) => page.locator(`.react-flow__handle.source[data-nodeid="${name}"]`);

async function centreOf(locator: ReturnType<Page['locator']>): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags from one of a widget's event handles to another widget's input handle, as a person would. */
async function connect(page: Page, from: string, event: string, to: string): Promise<void> {
  const start = await centreOf(handle(page, from, event));
  const end = await centreOf(handle(page, to, 'in'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 5 });
  await page.mouse.move(end.x, end.y, { steps: 5 });
  await page.mouse.up();
  await page.locator(`.react-flow__edge[data-id="${from}:${event}"]`).waitFor();
}

/** Drags a palette item onto the canvas at a point of the pane. */
async function dropWidget(page: Page, label: string, at: { x: number; y: number }): Promise<void> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.getByRole('button', { name: `Add ${label}`, exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: at.x - pane.x, y: at.y - pane.y } });
}

const shortcut = (key: string) => `${process.platform === 'darwin' ? 'Meta' : 'Control'}+${key}`;

describe.skipIf(browserSkipReason)('the flow editor, in chromium', { timeout: 60_000 }, () => {
  const session = browserSession();
  let widgetEvents: Map<string, string[]>;
  beforeAll(async () => {
    const { body } = await api(session.server, 'GET', '/app/v1/WidgetTypes');
    widgetEvents = new Map(body.widget_types.map((type: { type: string; events: string[] }) => [type.type, type.events]));
  });

  it('builds a three-widget SMS flow from an empty canvas by dragging, fills it in, and publishes it', async () => {
    const flowSid = await createFlow(session.server, 'built by hand', [trigger()]);
    const page = await openApp(session.browser, session.server, `/flows/${flowSid}`);
    await node(page, 'Trigger').waitFor();
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    await page.getByRole('button', { name: 'Zoom Out' }).click();
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const below = (await node(page, 'Trigger').boundingBox())!;
    const row = below.y + below.height + 90;

    await dropWidget(page, 'Send & Wait For Reply', { x: pane.x + pane.width * 0.18, y: row });
    await node(page, 'send_and_reply_1').waitFor();
    await page.getByLabel('Widget name').fill('ask');
    await page.getByLabel('Widget name').press('Enter');
    await node(page, 'ask').waitFor();
    await page.getByLabel('Body', { exact: true }).fill('What is your name?');

    await dropWidget(page, 'Split Based On...', { x: pane.x + pane.width * 0.5, y: row });
    await dropWidget(page, 'Send Message', { x: pane.x + pane.width * 0.82, y: row });
    await expect.poll(() => page.getByRole('group', { name: 'send_message_1, Send Message' }).count()).toBe(1);
    await page.getByLabel('Body', { exact: true }).fill('Hello {{widgets.ask.inbound.Body}}!');

    await connect(page, 'Trigger', 'incomingMessage', 'ask');
    await connect(page, 'ask', 'incomingMessage', 'split_1');

    await node(page, 'split_1').click();
    const input = page.getByRole('combobox', { name: 'Input', exact: true });
    await input.click();
    const suggestions = page.getByRole('listbox', { name: 'Variables for Input' });
    await input.pressSequentially('{{');
    const options = suggestions.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(3);
    expect(await options.allTextContents()).toContain('trigger.message.Body');
    await input.press('ArrowDown');
    expect(await options.nth(1).getAttribute('aria-selected')).toBe('true');
    await input.press('Escape');
    await expect.poll(() => suggestions.count()).toBe(0);
    await input.pressSequentially('widgets.ask.in');
    await expect.poll(() => suggestions.getByRole('option').allTextContents()).toEqual(['widgets.ask.inbound']);
    await input.press('Enter');
    await input.pressSequentially('.Body');
    await expect.poll(() => input.inputValue()).toBe('{{widgets.ask.inbound.Body}}');

    expect(await sourceHandles(page, 'split_1').count()).toBe(1);
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Condition 1 value').fill('yes');
    await expect.poll(() => sourceHandles(page, 'split_1').count()).toBe(2);
    await connect(page, 'split_1', 'match#0', 'send_message_1');
    await node(page, 'split_1').click();
    await screenshot(page, 'editor-inspector');

    await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish flow' });
    await dialog.getByLabel('Commit message').fill('First version');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('revision 2');
    expect(await dialog.isVisible()).toBe(false);

    const flow = await definitionOf(session.server, flowSid);
    expect(flow.status).toBe('published');
    const states = new Map(flow.definition.states.map((state) => [state.name, state]));
    expect([...states.keys()].sort()).toEqual(['Trigger', 'ask', 'send_message_1', 'split_1']);
    expect(states.get('Trigger')!.transitions.find((transition) => transition.event === 'incomingMessage')?.next).toBe('ask');
    expect(states.get('ask')).toMatchObject({ type: 'send-and-wait-for-reply', properties: { body: 'What is your name?', timeout: '3600' } });
    expect(states.get('ask')!.transitions.find((transition) => transition.event === 'incomingMessage')?.next).toBe('split_1');
    expect(states.get('split_1')!.properties.input).toBe('{{widgets.ask.inbound.Body}}');
    expect(states.get('split_1')!.transitions.find((transition) => transition.event === 'match')).toEqual({
      event: 'match',
      next: 'send_message_1',
      conditions: [{ friendly_name: 'If value equal_to yes', arguments: ['{{widgets.ask.inbound.Body}}'], type: 'equal_to', value: 'yes' }],
    });
    expect(states.get('send_message_1')!.properties.body).toBe('Hello {{widgets.ask.inbound.Body}}!');
    const offsets = flow.definition.states.map((state) => state.properties.offset);
    expect(offsets.every((offset) => offset && Number.isInteger(offset.x) && Number.isInteger(offset.y))).toBe(true);
    expect(new Set(offsets.map((offset) => `${offset!.x},${offset!.y}`)).size).toBe(4);
    const revisions = (await api(session.server, 'GET', `/v2/Flows/${flowSid}/Revisions`)).body.revisions;
    expect(revisions[0]).toMatchObject({ revision: 2, commit_message: 'First version', status: 'published' });

    // Text it from the simulator: the question, then the reply the split leads to.
    await page.getByRole('tab', { name: 'Simulator' }).click();
    await page.getByRole('button', { name: 'Give this flow a number' }).click();
    const thread = page.getByRole('log', { name: /^Messages between/ });
    for (const text of ['hi', 'yes']) {
      await page.getByRole('textbox', { name: 'Message' }).fill(text);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await thread.getByText(text, { exact: true }).waitFor();
    }
    await thread.getByText('What is your name?').waitFor();
    await thread.getByText('Hello yes!').waitFor();
    await screenshot(page, 'editor-simulator');

    // Open the execution: its steps, and its path lit on the canvas.
    await page.getByRole('tab', { name: 'Executions' }).click();
    await page.getByRole('list', { name: 'Executions' }).getByRole('listitem').first().click();
    const timeline = page.getByRole('list', { name: 'Step timeline' });
    await expect.poll(() => timeline.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^Trigger → ask\s*incomingMessage/),
      expect.stringMatching(/^ask → split_1\s*incomingMessage/),
      expect.stringMatching(/^split_1 → send_message_1\s*match/),
      expect.stringMatching(/^send_message_1 → Ended\s*sent/),
    ]);
    await expect.poll(() => page.locator('.react-flow__node.on-path').count()).toBe(4);
    await expect.poll(() => page.locator('.react-flow__edge.on-path').count()).toBe(3);
    await screenshot(page, 'editor-execution');

    await page.getByRole('tab', { name: 'Widget' }).click();
    await page.getByRole('button', { name: 'Tidy up' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Unsaved changes');
    await screenshot(page, 'editor');
    await page.close();
  });

  it.skipIf(!existsSync(frontlineFile))('imports the Frontline bot from its file and draws every widget with one handle per event and condition', async () => {
    const states = JSON.parse(readFileSync(frontlineFile, 'utf8')).states as State[];
    const page = await openApp(session.browser, session.server);
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import a flow' });
    await dialog.getByLabel('Flow file (.json)').setInputFiles(frontlineFile);
    await dialog.getByRole('button', { name: 'Import' }).click();
    // The flow's own issues (if any) are listed before it opens.
    const imported = page.getByRole('dialog', { name: 'Flow imported' });
    await Promise.race([page.waitForURL(/#\/flows\/FW/), imported.waitFor()]);
    if (await imported.isVisible()) await imported.getByRole('button', { name: 'Open flow' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(states.length);
    for (const state of states) {
      const events = widgetEvents.get(state.type)!;
      const expected = events.filter((event) => event !== 'match').length + state.transitions.filter((transition) => transition.event === 'match').length;
      expect(await sourceHandles(page, state.name).count(), state.name).toBe(expected);
      expect(await handle(page, state.name, 'in').count(), state.name).toBe(1);
    }
    expect(await page.getByRole('group', { name: 'split-customer, Split Based On...' }).count()).toBe(1);
    const wired = states.flatMap((state) => state.transitions.filter((transition) => transition.next)).length;
    expect(await page.locator('.react-flow__edge').count()).toBe(wired);
    await page.close();
  });

  it('undoes, redoes, copies, pastes, deletes by keyboard, lays out, marks problems and refuses to publish them', async () => {
    const flowSid = await createFlow(session.server, 'editing', [
      trigger([{ event: 'incomingConversationMessage', next: 'greet' }]),
      { name: 'greet', type: 'send-message', transitions: [{ event: 'sent', next: 'check' }, { event: 'failed' }], properties: { body: 'Hi', offset: { x: 0, y: 200 } } },
      { name: 'check', type: 'split-based-on', transitions: [{ event: 'noMatch' }], properties: { offset: { x: 0, y: 400 } } },
    ]);
    const page = await openApp(session.browser, session.server, `/flows/${flowSid}`);
    await node(page, 'check').waitFor();

    // The split has no input: a marker on its node, and the problem in the list.
    const marker = node(page, 'check').locator('.widget-node-issues');
    await expect.poll(() => marker.textContent()).toBe('1');
    expect(await marker.getAttribute('title')).toMatch(/input/);
    await page.getByRole('list').filter({ hasText: 'check' }).getByRole('button').first().click();
    await expect.poll(() => page.getByLabel('Widget name').inputValue()).toBe('check');

    // Publishing it is refused with the reason, and nothing is published.
    await page.getByRole('toolbar', { name: 'Flow' }).getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish flow' });
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toMatch(/Not published.*input/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await definitionOf(session.server, flowSid)).revision).toBe(1);

    // Undo and redo an added widget, from the keyboard and the toolbar.
    await node(page, 'greet').click();
    const palette = page.getByRole('navigation', { name: 'Widget palette' });
    await palette.getByLabel('Filter widgets').fill('say');
    await expect.poll(() => palette.getByRole('button').allTextContents()).toEqual(['Say/Play']);
    await page.getByRole('button', { name: 'Add Say/Play', exact: true }).click();
    await node(page, 'say_play_1').waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Unsaved changes');
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(shortcut('z'));
    await expect.poll(() => node(page, 'say_play_1').count()).toBe(0);
    await page.keyboard.press(shortcut('Shift+z'));
    await node(page, 'say_play_1').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => node(page, 'say_play_1').count()).toBe(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await node(page, 'say_play_1').waitFor();

    // Arrow keys move the focused, selected widget.
    await node(page, 'check').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');

    // Copy two widgets and paste them: new names, their own transition kept, others dropped.
    await node(page, 'greet').click();
    await node(page, 'check').click({ modifiers: ['ControlOrMeta'] });
    await page.keyboard.press(shortcut('c'));
    await page.keyboard.press(shortcut('v'));
    await node(page, 'greet_1').waitFor();
    await node(page, 'check_1').waitFor();
    await page.locator('.react-flow__edge[data-id="greet_1:sent"]').waitFor();

    // A transition selected from the keyboard is deleted with Delete.
    await page.locator('.react-flow__edge[data-id="greet:sent"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__edge[data-id="greet:sent"]').count()).toBe(0);

    // Delete from the keyboard: the widget goes with the transition to it; the Trigger stays.
    await node(page, 'greet').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Delete');
    await expect.poll(() => node(page, 'greet').count()).toBe(0);
    expect(await page.locator('.react-flow__edge[data-id="Trigger:incomingConversationMessage"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await node(page, 'Trigger').click();
    await page.keyboard.press('Backspace');
    expect(await node(page, 'Trigger').count()).toBe(1);

    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('revision 2');
    const saved = new Map((await definitionOf(session.server, flowSid)).definition.states.map((state) => [state.name, state]));
    expect([...saved.keys()].sort()).toEqual(['Trigger', 'check', 'check_1', 'greet_1', 'say_play_1']);
    expect(saved.get('greet_1')!.transitions).toEqual([{ event: 'sent', next: 'check_1' }, { event: 'failed' }]);
    expect(saved.get('greet_1')!.properties.offset).toEqual({ x: 40, y: 240 });
    expect(saved.get('check')!.properties.offset!.x).toBeGreaterThan(0);
    expect(saved.get('Trigger')!.transitions.find((transition) => transition.event === 'incomingConversationMessage')?.next).toBeUndefined();
    await page.close();
  });

  it('lays out a flow whose widgets have no offsets, as an edit that can be saved', async () => {
    const bare = (name: string, next?: string): State => ({ name, type: 'send-message', transitions: [{ event: 'sent', ...(next ? { next } : {}) }, { event: 'failed' }], properties: { body: name } });
    const flowSid = await createFlow(session.server, 'no offsets', [trigger([{ event: 'incomingConversationMessage', next: 'one' }], null), bare('one', 'two'), bare('two', 'three'), bare('three')]);
    const page = await openApp(session.browser, session.server, `/flows/${flowSid}`, { width: 1024, height: 768 });
    await node(page, 'three').waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Unsaved changes');
    // Reloading now would lose the layout: the browser asks first (the test stays on the page).
    const asked = page.waitForEvent('dialog');
    void page.evaluate(() => location.reload()).catch(() => undefined);
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    const boxes = await Promise.all(['Trigger', 'one', 'two', 'three'].map(async (name) => (await node(page, name).boundingBox())!));
    for (const [index, box] of boxes.slice(1).entries()) expect(box.y).toBeGreaterThan(boxes[index].y + boxes[index].height);
    await node(page, 'two').click();
    await screenshot(page, 'editor-1024');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('revision 2');
    const offsets = (await definitionOf(session.server, flowSid)).definition.states.map((state) => state.properties.offset!);
    expect(new Set(offsets.map((offset) => offset.y)).size).toBe(4);
    await page.close();
  });
});
