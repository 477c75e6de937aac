import { call } from '../../api/client.ts';
import type { ExecutionJson, StepJson } from '../../api/types.ts';
import type { PathStep } from '../flow-panel-props.ts';

/** Studio v2's list envelope: the items under their key, and the page links. */
type StudioPage<K extends string, T> = { [key in K]: T[] } & { meta: { next_page_url: string | null } };

export function executionPath(flowSid: string, executionSid?: string): string {
  return `/v2/Flows/${flowSid}/Executions${executionSid ? `/${executionSid}` : ''}`;
}

/** The link that opens an execution in the flow page's Executions tab. */
export function executionHref(flowSid: string, executionSid: string): string {
  return `#/flows/${flowSid}?tab=executions&execution=${executionSid}`;
}

/** The server's filters; the contact is filtered in the page, as Studio's API has no such filter. */
export interface ServerExecutionFilter {
  status?: 'active' | 'ended';
  createdFrom?: string;
  createdTo?: string;
}

/** One page of a flow's executions, newest first, and the path of the next page if there is one. */
export async function listExecutions(flowSid: string, filter: ServerExecutionFilter, pagePath?: string): Promise<{ executions: ExecutionJson[]; nextPage?: string }> {
  const query = new URLSearchParams({ PageSize: '100' });
  if (filter.status) query.set('Status', filter.status);
  if (filter.createdFrom) query.set('DateCreatedFrom', filter.createdFrom);
  if (filter.createdTo) query.set('DateCreatedTo', filter.createdTo);
  const page = await call<StudioPage<'executions', ExecutionJson>>('GET', pagePath ?? `${executionPath(flowSid)}?${query}`);
  return { executions: page.executions, nextPage: pathOf(page.meta.next_page_url) };
}

/** Every step of an execution, in the order they were taken. */
export async function listSteps(flowSid: string, executionSid: string): Promise<StepJson[]> {
  const steps: StepJson[] = [];
  let path: string | undefined = `${executionPath(flowSid, executionSid)}/Steps?PageSize=1000`;
  while (path) {
    const page: StudioPage<'steps', StepJson> = await call('GET', path);
    steps.push(...page.steps);
    path = pathOf(page.meta.next_page_url);
  }
  return steps;
}

export async function executionContext(flowSid: string, executionSid: string): Promise<Record<string, unknown>> {
  return (await call<{ context: Record<string, unknown> }>('GET', `${executionPath(flowSid, executionSid)}/Context`)).context;
}

export async function stepContext(flowSid: string, executionSid: string, stepSid: string): Promise<Record<string, unknown>> {
  return (await call<{ context: Record<string, unknown> }>('GET', `${executionPath(flowSid, executionSid)}/Steps/${stepSid}/Context`)).context;
}

export function endExecution(flowSid: string, executionSid: string): Promise<ExecutionJson> {
  return call<ExecutionJson>('POST', executionPath(flowSid, executionSid), { Status: 'ended' });
}

/** The path the canvas highlights: each step's transition. */
export function pathOfSteps(steps: StepJson[]): PathStep[] {
  return steps.map((step) => ({ from: step.transitioned_from, event: step.name, to: step.transitioned_to }));
}

/** Page links are absolute URLs on the server's public address; the app calls its own origin. */
function pathOf(url: string | null): string | undefined {
  if (!url) return undefined;
  const parsed = new URL(url, location.origin);
  return parsed.pathname + parsed.search;
}
