/**
 * `npm run bench:web`: the flow editor on a 2,000-widget flow (Studio's maximum) in headless
 * Chromium, against a real server on loopback.
 *
 * It builds the web app if its sources changed, starts a server (`:memory:`, no examples), and
 * creates a generated flow by the API: 2,000 widgets of several types on a grid, chained by
 * their transitions, splits with two conditions. Each round opens the flow in a new browser
 * context (a cold cache) and measures:
 *  - time to first render: from navigation start to the first frame after the canvas shows its
 *    nodes, measured in the page with performance.now();
 *  - frame time while panning: the pane is dragged with the mouse for about 2 s while the page
 *    records the time between animation frames (median and p95);
 * and once, the gzipped size of the JavaScript the first page loads (the script and modulepreload
 * tags of dist/web/index.html) and of all of it (opening a flow loads the editor's part too).
 * Figures are medians over the rounds, shown beside the targets.
 *
 * It measures three cases, round by round in turn so that the machine's noise falls on all alike:
 * the big flow as it opens (the first view shows the Trigger at full size, so few widgets are in
 * view), the big flow zoomed out (--zoom-out presses of Zoom Out, about 60 widgets in view), and
 * a baseline: a 10-widget flow as it opens. Ratios to the baseline show what the flow's size costs.
 *
 * Flags (or env): --rounds N (BENCH_ROUNDS, 5), --widgets N (BENCH_WIDGETS, 2000), --zoom-out N
 * (BENCH_ZOOM_OUT, 6).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { buildWebApp } from '../scripts/build-web.ts';
import { signInUrl, throwawayServer, type RunningServer } from '../src/server/server.ts';
import { launchBrowser } from '../test/support/browser.ts';

function setting(flag: string, env: string, fallback: number, least = 1): number {
  const at = process.argv.indexOf(flag);
  const text = at >= 0 ? process.argv[at + 1] : process.env[env];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new Error(`${flag} must be a whole number of at least ${least}, not "${text}"`);
  return value;
}

const rounds = setting('--rounds', 'BENCH_ROUNDS', 5);
const widgets = setting('--widgets', 'BENCH_WIDGETS', 2000);
const zoomOuts = setting('--zoom-out', 'BENCH_ZOOM_OUT', 6, 0);
const baselineWidgets = 10;
const panMilliseconds = 2000;
const targets = { firstRenderMs: 2000, frameMs: 50, jsGzipBytes: 1024 * 1024 };
const distWeb = join(import.meta.dirname, '..', 'dist', 'web');

// ---- the flow ----

interface State {
  name: string;
  type: string;
  properties: Record<string, unknown>;
  transitions: Array<{ event: string; next?: string; conditions?: unknown[] }>;
}

/** Widget kinds in turn, each with its properties and the transitions that lead to `next`. */
const kinds: Array<(name: string, next: string | undefined) => Omit<State, 'name'>> = [
  (_, next) => ({ type: 'send-message', properties: { body: 'Hello {{trigger.message.Body}}' }, transitions: [{ event: 'sent', next }, { event: 'failed' }] }),
  (_, next) => ({ type: 'send-and-wait-for-reply', properties: { body: 'What now?', timeout: '3600' }, transitions: [{ event: 'incomingMessage', next }, { event: 'timeout' }, { event: 'deliveryFailure' }] }),
  (name, next) => ({
    type: 'split-based-on',
    properties: { input: `{{widgets.${name}.inbound.Body}}` },
    transitions: [
      { event: 'noMatch', next },
      ...['yes', 'no'].map((value) => ({ event: 'match', next, conditions: [{ friendly_name: `If ${value}`, arguments: [`{{widgets.${name}.inbound.Body}}`], type: 'equal_to', value }] })),
    ],
  }),
  (_, next) => ({ type: 'set-variables', properties: { variables: [{ key: 'step', value: '1' }] }, transitions: [{ event: 'next', next }] }),
  (_, next) => ({ type: 'make-http-request', properties: { method: 'GET', url: 'https://example.com/api', content_type: 'application/json;charset=utf-8' }, transitions: [{ event: 'success', next }, { event: 'failed' }] }),
];

function generatedFlow(count: number) {
  const columns = 20;
  const names = Array.from({ length: count - 1 }, (_, index) => `widget_${index + 1}`);
  const states: State[] = [{ name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [{ event: 'incomingMessage', next: names[0] }, { event: 'incomingCall' }, { event: 'incomingRequest' }] }];
  names.forEach((name, index) => {
    const position = index + 1;
    const widget = kinds[index % kinds.length](name, names[index + 1]);
    states.push({ name, ...widget, properties: { ...widget.properties, offset: { x: (position % columns) * 420, y: Math.floor(position / columns) * 220 } } });
  });
  for (const state of states) state.transitions = state.transitions.map(({ next, ...rest }) => (next ? { ...rest, next } : rest));
  return { description: `Benchmark: ${count} widgets`, initial_state: 'Trigger', flags: { allow_concurrent_calls: true }, states };
}

async function createFlow(server: RunningServer, count: number): Promise<string> {
  const response = await fetch(`${server.url}/v2/Flows`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${server.account.sid}:${server.account.authToken}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ FriendlyName: `${count} widgets`, Status: 'draft', Definition: JSON.stringify(generatedFlow(count)) }),
  });
  const body = (await response.json()) as { sid: string; valid: boolean; message?: string };
  if (response.status !== 201) throw new Error(`creating the flow answered ${response.status}: ${body.message}`);
  if (!body.valid) throw new Error(`the generated flow is not valid: ${JSON.stringify((body as { errors?: unknown[] }).errors?.slice(0, 3))}`);
  return body.sid;
}

// ---- measuring ----

// Page scripts are strings: tsx would wrap named functions in a helper the page does not have.

/** Runs in the page from its first script: notes the first frame after the canvas shows nodes. */
const watchFirstRender = `
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.react-flow__node')) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.firstRenderMs = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
`;

/** Notes the time of every animation frame until \`window.recording\` is false. */
const recordFrames = `
  window.frameTimes = [];
  window.recording = true;
  const tick = (now) => {
    window.frameTimes.push(now);
    if (window.recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

interface Round {
  firstRenderMs: number;
  nodesDrawn: number;
  nodesMidPan: number;
  frameMedianMs: number;
  frameP95Ms: number;
  frames: number;
}

async function measureRound(browser: Browser, server: RunningServer, flowSid: string, zoomOuts: number): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(signInUrl(server.url, server.account));
  await page.waitForURL(/#\/flows/);
  await page.goto('about:blank');
  await page.addInitScript(watchFirstRender);
  await page.goto(`${server.url}/#/flows/${flowSid}`);
  await page.waitForFunction('window.firstRenderMs !== undefined', undefined, { timeout: 60_000 });
  const firstRenderMs = (await page.evaluate('window.firstRenderMs')) as number;
  const nodesDrawn = await page.locator('.react-flow__node').count();

  // Pan: drag the empty pane around, with the page noting each frame's time.
  for (let step = 0; step < zoomOuts; step++) await page.getByRole('button', { name: 'Zoom Out' }).click();
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const start = await emptyPanePoint(page, pane);
  const reach = { x: start.x - pane.x - 40, y: start.y - pane.y - 40 };
  await page.evaluate(recordFrames);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  const began = performance.now();
  let nodesMidPan = 0;
  for (let elapsed = 0; elapsed < panMilliseconds; elapsed = performance.now() - began) {
    // Sweep up and left across the grid and back, so new widgets keep coming into view.
    const share = (1 - Math.cos((elapsed / panMilliseconds) * 2 * Math.PI)) / 2;
    await page.mouse.move(start.x - share * reach.x, start.y - share * reach.y);
    if (nodesMidPan === 0 && elapsed > panMilliseconds / 2) nodesMidPan = await page.locator('.react-flow__node').count();
    await new Promise((resolve) => setTimeout(resolve, 8));
  }
  await page.mouse.up();
  const frameTimes = (await page.evaluate('window.recording = false, window.frameTimes')) as number[];
  await context.close();
  const deltas = frameTimes.slice(1).map((time, index) => time - frameTimes[index]);
  return { firstRenderMs, nodesDrawn, nodesMidPan, frameMedianMs: percentile(deltas, 0.5), frameP95Ms: percentile(deltas, 0.95), frames: deltas.length };
}

/** A point low on the right of the pane where a press lands on the pane itself (no widget, no panel). */
async function emptyPanePoint(page: Page, pane: { x: number; y: number; width: number; height: number }): Promise<{ x: number; y: number }> {
  for (let y = pane.y + pane.height - 200; y > pane.y + pane.height / 2; y -= 20) {
    for (let x = pane.x + pane.width - 40; x > pane.x + pane.width / 2; x -= 20) {
      const onPane = await page.evaluate(([px, py]) => document.elementFromPoint(px, py)?.classList.contains('react-flow__pane') ?? false, [x, y]);
      if (onPane) return { x, y };
    }
  }
  throw new Error('no empty spot on the pane to drag from');
}

/**
 * The gzipped bytes of the scripts index.html loads at once (the entry and its preloads), and of
 * all the app's scripts, which opening a flow loads (the editor is split off the first page).
 */
function javaScriptSizes(): { files: string[]; gzipBytes: number; allGzipBytes: number } {
  const html = readFileSync(join(distWeb, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map((match) => match[1] ?? match[2]);
  const gzipped = (file: string) => gzipSync(readFileSync(join(distWeb, file.replace(/^\//, '')))).length;
  const all = readdirSync(join(distWeb, 'assets')).filter((file) => file.endsWith('.js')).map((file) => `/assets/${file}`);
  return { files, gzipBytes: files.reduce((sum, file) => sum + gzipped(file), 0), allGzipBytes: all.reduce((sum, file) => sum + gzipped(file), 0) };
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

const median = (values: number[]) => percentile(values, 0.5);
const verdict = (value: number, target: number) => (value < target ? 'meets' : 'MISSES');

// ---- run ----

interface Case {
  label: string;
  flowSid: string;
  zoomOuts: number;
  results: Round[];
}

console.log(`bench:web: ${widgets} widgets as opened and zoomed out ${zoomOuts} times, and a ${baselineWidgets}-widget baseline; ${rounds} rounds`);
await buildWebApp({ ifStale: true });
const server = await throwawayServer({ clock: 'system' });
const browser = await launchBrowser();
try {
  const big = await createFlow(server, widgets);
  const cases: Case[] = [
    { label: `${widgets} widgets, as opened`, flowSid: big, zoomOuts: 0, results: [] },
    { label: `${widgets} widgets, zoomed out`, flowSid: big, zoomOuts, results: [] },
    { label: `baseline: ${baselineWidgets} widgets`, flowSid: await createFlow(server, baselineWidgets), zoomOuts: 0, results: [] },
  ];
  for (let round = 1; round <= rounds; round++) {
    for (const each of cases) {
      const result = await measureRound(browser, server, each.flowSid, each.zoomOuts);
      each.results.push(result);
      console.log(`round ${round}/${rounds}, ${each.label}: first render ${result.firstRenderMs.toFixed(0)} ms (${result.nodesDrawn} nodes in the DOM), panning ${result.frames} frames (${result.nodesMidPan} nodes in the DOM half-way): median ${result.frameMedianMs.toFixed(1)} ms, p95 ${result.frameP95Ms.toFixed(1)} ms`);
    }
  }
  const summary = cases.map((each) => ({
    label: each.label,
    firstRender: median(each.results.map((result) => result.firstRenderMs)),
    frameMedian: median(each.results.map((result) => result.frameMedianMs)),
    frameP95: median(each.results.map((result) => result.frameP95Ms)),
    nodesMidPan: median(each.results.map((result) => result.nodesMidPan)),
  }));
  const baseline = summary[summary.length - 1];
  console.log('');
  console.log(`medians over ${rounds} rounds at 1280×800 (ratio to the baseline in brackets):`);
  for (const row of summary) {
    const ratio = (value: number, base: number) => (row === baseline ? '' : ` (${(value / base).toFixed(2)}×)`);
    console.log(`  ${row.label.padEnd(28)} first render ${row.firstRender.toFixed(0).padStart(5)} ms${ratio(row.firstRender, baseline.firstRender)}   panning ${row.frameMedian.toFixed(1)} ms median, ${row.frameP95.toFixed(1)} ms p95${ratio(row.frameP95, baseline.frameP95)}, ${row.nodesMidPan} widgets drawn`);
  }
  const worstFirstRender = Math.max(...summary.map((row) => row.firstRender));
  const worstFrame = Math.max(...summary.map((row) => row.frameP95));
  const javaScript = javaScriptSizes();
  console.log(`targets: first render < ${targets.firstRenderMs} ms: ${verdict(worstFirstRender, targets.firstRenderMs)}; frame < ${targets.frameMs} ms (p95): ${verdict(worstFrame, targets.frameMs)}`);
  console.log(`first page JS, gzipped ${(javaScript.gzipBytes / 1024).toFixed(0)} KB (${javaScript.files.join(', ')}); with the editor, all of it ${(javaScript.allGzipBytes / 1024).toFixed(0)} KB; target < 1 MB: ${verdict(javaScript.allGzipBytes, targets.jsGzipBytes)}`);
} finally {
  await browser.close();
  await server.close();
}
