import type { ExecutionJson } from '../../api/types.ts';
import type { ServerExecutionFilter } from './execution-api.ts';

/** The inspector's filters: the server's, and a contact that the page matches by substring. */
export interface ExecutionFilter extends ServerExecutionFilter {
  contact: string;
}

export function contactMatches(execution: ExecutionJson, contact: string): boolean {
  return execution.contact_channel_address.toLowerCase().includes(contact.trim().toLowerCase());
}

/**
 * Whether an execution belongs in a list the server filtered, as the server judges: its status,
 * and its creation time to the whole second (Studio shows dates without milliseconds).
 */
export function matchesServerFilter(execution: ExecutionJson, filter: ServerExecutionFilter): boolean {
  if (filter.status && execution.status !== filter.status) return false;
  const created = Date.parse(execution.date_created);
  if (filter.createdFrom && created < wholeSecond(filter.createdFrom)) return false;
  if (filter.createdTo && created > wholeSecond(filter.createdTo) + 999) return false;
  return true;
}

/**
 * The list after a live update of one execution (newest first): an execution already listed is
 * replaced where it is, a new one that fits the filter goes on top, one that no longer fits goes.
 * An ended execution never becomes active again, so an update that says so arrived late.
 */
export function withLiveExecution(list: ExecutionJson[], execution: ExecutionJson, filter: ServerExecutionFilter): ExecutionJson[] {
  const fits = matchesServerFilter(execution, filter);
  const listed = list.find((each) => each.sid === execution.sid);
  if (!listed) return fits ? [execution, ...list] : list;
  if (listed.status === 'ended' && execution.status === 'active') return list;
  if (!fits) return list.filter((each) => each.sid !== execution.sid);
  return list.map((each) => (each.sid === execution.sid ? execution : each));
}

function wholeSecond(iso: string): number {
  const time = Date.parse(iso);
  return time - (((time % 1000) + 1000) % 1000);
}

/** A `datetime-local` input's value (local time, to the minute) and the ISO instant it means. */
export function localInputValue(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function isoFromLocalInput(value: string): string | undefined {
  const time = value ? new Date(value).getTime() : NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
