/** A date from the APIs (ISO 8601 or Twilio's RFC 2822), in the reader's locale. */
export function DateTime({ value }: { value: string | null | undefined }) {
  const date = value ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) return <span className="muted">—</span>;
  return <time dateTime={date.toISOString()}>{date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>;
}
