/** What a flow test's `heard` matches for this event: a <Say>'s text or a <Play>'s URL. */
export function heardPrompt(event: { type: string; [field: string]: unknown }): string | undefined {
  if (event.type === 'say') return String(event.text ?? '');
  if (event.type === 'play' && event.url) return String(event.url);
  return undefined;
}
