import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSession, browserSkipReason, openApp } from './support/browser.ts';
import { api } from './support/test-server.ts';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axeSource });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe.run();
    return violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

describe.skipIf(browserSkipReason)('every page, checked by axe-core for screen readers and keyboards', { timeout: 60_000 }, () => {
  const session = browserSession({ examples: true });
  let ivrSid: string;
  beforeAll(async () => {
    const { body } = await api(session.server, 'GET', '/v2/Flows?PageSize=100');
    ivrSid = body.flows.find((flow: { friendly_name: string }) => flow.friendly_name === 'pizza-ivr').sid;
  });

  const pages = () => [
    ['the flows list', '/flows'],
    ['the numbers page', '/numbers'],
    ['the editor', `/flows/${ivrSid}`],
    ['the simulator', `/flows/${ivrSid}?tab=simulator`],
    ['the executions', `/flows/${ivrSid}?tab=executions`],
    ['the revisions', `/flows/${ivrSid}?tab=revisions`],
  ];

  it('finds no serious problem on any page', async () => {
    for (const [name, path] of pages()) {
      const page = await openApp(session.browser, session.server, path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
      expect(await accessibilityProblems(page), name).toEqual([]);
      await page.close();
    }
  });

  it('finds none on the sign-in page', async () => {
    const page = await session.browser.newPage();
    await page.goto(session.server.url);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.close();
  });
});
