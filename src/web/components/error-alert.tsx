import { ApiError } from '../api/client.ts';

/** What went wrong, said where the user looks: Twilio's message for an API refusal. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (error === undefined) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  return <p role="alert" className="error">{message}</p>;
}
