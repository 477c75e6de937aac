/** One event of a `text/event-stream`. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Splits the text received so far into whole events and the unfinished rest. Comments (`:`)
 * are skipped; an event without a name is a `message`, as EventSource has it.
 */
export function parseServerSentEvents(text: string): { events: ServerSentEvent[]; rest: string } {
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: ServerSentEvent[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}
