/** A message or call as the lists and the event stream give it. */
interface Dated {
  sid: string;
  date_created: string;
}

/**
 * Merges lists of the same resource, newest first, one item per SID. Give the freshest list
 * first: its item wins (a status from the event stream replaces the one listed before), and
 * among items of the same second (the virtual clock may not move) it comes first.
 */
export function newestFirst<T extends Dated>(...lists: T[][]): T[] {
  const bySid = new Map<string, T>();
  for (const item of lists.flat()) if (!bySid.has(item.sid)) bySid.set(item.sid, item);
  return [...bySid.values()].sort((a, b) => Date.parse(b.date_created) - Date.parse(a.date_created));
}
