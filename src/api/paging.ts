import { SwitchboardError } from '../errors.ts';
import type { Page } from '../store/records.ts';
import { optionalString, type Params } from './params.ts';

/** Twilio's paging: `PageSize` (default 50, at most 1000), `Page`, and an opaque `PageToken`. */
export interface PageRequest extends Page {
  page: number;
  pageSize: number;
}

export function pageRequest(params: Params): PageRequest {
  const pageSize = whole(params, 'PageSize', 50);
  if (pageSize < 1 || pageSize > 1000) throw new SwitchboardError('invalidParameter', `PageSize must be from 1 to 1000, not ${pageSize}`);
  const page = whole(params, 'Page', 0);
  const token = optionalString(params, 'PageToken');
  // The token is the offset of the page's first item; Page alone assumes equal pages.
  const offset = token === undefined ? page * pageSize : tokenOffset(token);
  if (!Number.isSafeInteger(offset)) throw new SwitchboardError('invalidParameter', `Page ${page} is too far past the end of any list`);
  // One more than asked for tells whether there is a next page.
  return { page, pageSize, offset, limit: pageSize + 1 };
}

function whole(params: Params, name: string, fallback: number): number {
  const value = optionalString(params, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new SwitchboardError('invalidParameter', `${name} must be a whole number, not "${value}"`);
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new SwitchboardError('invalidParameter', `${name} is too large: "${value}"`);
  return number;
}

function tokenOffset(token: string): number {
  const match = /^PT(\d+)$/.exec(token);
  if (!match || !Number.isSafeInteger(Number(match[1]))) throw new SwitchboardError('invalidParameter', `PageToken "${token}" is not one this server issued`);
  return Number(match[1]);
}

/** The items of this page, and the query strings of this, the first, the previous and the next page. */
export function pageLinks<T>(items: T[], request: PageRequest, filters: Record<string, string | undefined> = {}) {
  const query = (page: number, offset?: number) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value !== undefined) search.set(key, value);
    search.set('PageSize', String(request.pageSize));
    search.set('Page', String(page));
    if (offset !== undefined) search.set('PageToken', `PT${offset}`);
    return `?${search}`;
  };
  const hasNext = items.length > request.pageSize;
  const hasPrevious = request.offset > 0;
  return {
    items: hasNext ? items.slice(0, request.pageSize) : items,
    first: query(0),
    current: query(request.page, request.offset > 0 ? request.offset : undefined),
    next: hasNext ? query(request.page + 1, request.offset + request.pageSize) : null,
    previous: hasPrevious ? query(Math.max(0, request.page - 1), Math.max(0, request.offset - request.pageSize)) : null,
  };
}
