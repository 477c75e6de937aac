import twilio from 'twilio';
import { describeError, SwitchboardError, type ErrorName } from '../../errors.ts';

/** Twilio's codes that mean the same as one of ours: the flow sees the error it sees on the emulator. */
const sameAsOurs: Record<number, ErrorName> = {
  20003: 'carrierAuthenticationFailed',
  20404: 'notFound',
  20429: 'carrierRateLimited',
  21201: 'missingCalledNumber',
  21205: 'invalidUrl',
  21211: 'invalidToNumber',
  21212: 'invalidFromNumber',
  21213: 'missingCallerNumber',
  21214: 'toUnreachable',
  21220: 'invalidCallState',
  21602: 'missingBody',
  21603: 'missingFrom',
  21604: 'missingTo',
  21606: 'fromNotOwned',
  21617: 'bodyTooLong',
};

/**
 * What Twilio's answer (a RestException) or the failed request means, as a SwitchboardError that
 * says the cause: Twilio's own message is kept, and a network failure names the host. Nothing of
 * the request (its credentials) is carried along.
 */
export function carrierError(error: unknown, host: string): SwitchboardError {
  if (error instanceof twilio.RestException) {
    const code = error.code ?? 0;
    const said = `${error.message} (Twilio error ${code || 'without a code'}, HTTP ${error.status})`;
    if (error.status === 429) return new SwitchboardError('carrierRateLimited', said);
    if (error.status === 401) return new SwitchboardError('carrierAuthenticationFailed', said);
    const ours = sameAsOurs[code];
    return new SwitchboardError(ours ?? 'carrierRefused', said, { twilioCode: code, twilioStatus: error.status });
  }
  return new SwitchboardError('carrierUnreachable', `${host}: ${networkReason(error)}`);
}

/** The network error's code and message (axios puts ECONNREFUSED and the like in `code`). */
function networkReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = describeError(error);
  return typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message;
}
