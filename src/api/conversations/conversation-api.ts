import type { FastifyRequest } from 'fastify';
import { checkedAttributes } from '../../carrier/emulator/conversations.ts';
import type { ConversationRecord, Page } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, optionalString, type Params } from '../params.ts';
import { studioPage } from '../studio/studio-resources.ts';

/** What every Conversations route shares: the conversation in the path, JSON attributes, and list pages. */

export type ConversationPath = { Params: { conversation: string } };

/** The authenticated account's conversation named in the path, by SID or unique name. */
export async function pathConversation(request: FastifyRequest<ConversationPath>, context: AppContext): Promise<ConversationRecord> {
  const account = await authenticate(request, context.store);
  return context.conversations.find(account.sid, request.params.conversation);
}

/** `Attributes`: any JSON text; `{}` when absent. */
export function attributesParam(params: Params): string {
  return checkedAttributes(optionalString(params, 'Attributes'));
}

/** A list in the Conversations API's envelope (`meta`), one page of it. */
export async function conversationsPage<T>(
  request: FastifyRequest,
  context: AppContext,
  key: string,
  path: string,
  list: (page: Page) => Promise<T[]>,
  json: (item: T) => unknown,
  filters: Record<string, string | undefined> = {},
) {
  const page = pageRequest(asParams(request.query));
  const links = pageLinks(await list(page), page, filters);
  return studioPage(key, context.publicUrl, path, { ...links, items: links.items.map(json) }, page.page, page.pageSize);
}
