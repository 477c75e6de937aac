import type { CallEventJson, EmulatedCallJson } from '../../api/types.ts';

/** How a transcript line reads: what the caller hears, what the caller did, what the network did, or a problem. */
export type TranscriptTone = 'hears' | 'caller' | 'network' | 'problem';

export interface TranscriptLine {
  tone: TranscriptTone;
  text: string;
}

/** The plumbing of a call (TwiML fetches and redirects) is left out of what the caller is shown. */
const plumbing = new Set(['request', 'redirect', 'twiml']);

/** One event of an emulated call (src/carrier/emulator/voice) as a line of the caller's transcript. */
export function describeCallEvent(event: CallEventJson): TranscriptLine | undefined {
  const field = (name: string) => (event[name] === undefined || event[name] === null ? '' : String(event[name]));
  switch (event.type) {
    case 'say': return { tone: 'hears', text: field('text') };
    case 'play': return { tone: 'hears', text: `♪ ${field('url') || 'audio'}` };
    case 'beep': return { tone: 'hears', text: 'Beep' };
    case 'pause': return { tone: 'network', text: `Pause, ${field('length')} s` };
    case 'gather': return { tone: 'network', text: gatherText(event) };
    case 'gather-ended': return { tone: 'network', text: `Gather ended: ${field('reason')}` };
    case 'digits': return { tone: 'caller', text: `You pressed ${field('digits')}` };
    case 'speech': return { tone: 'caller', text: `You said “${field('text')}”` };
    case 'record': return { tone: 'network', text: `Recording, up to ${field('maxLength')} s${event.finishOnKey ? `; ${field('finishOnKey')} ends it` : ''}` };
    case 'recorded': return { tone: 'caller', text: `You recorded “${field('text')}”` };
    case 'dial': return { tone: 'network', text: `Dials ${dialTarget(event)}` };
    case 'dial-ended': return { tone: 'network', text: `Dial ended: ${field('status')}` };
    case 'bridged': return { tone: 'network', text: `Connected to ${field('to')}` };
    case 'enqueue': return { tone: 'network', text: `Waits in queue ${field('queue')}` };
    case 'sms': return { tone: 'network', text: `Texts ${field('to')}: ${field('body')}` };
    case 'ringing': return { tone: 'network', text: 'Ringing' };
    case 'answered': return { tone: 'network', text: 'Answered' };
    case 'hangup': return { tone: 'network', text: event.by === 'handset' ? 'You hung up' : `Hung up (${field('by')})` };
    case 'status': return { tone: 'network', text: `Call ${field('status')}` };
    case 'error':
    case 'warning': return { tone: 'problem', text: `${event.type === 'error' ? 'Error' : 'Warning'} ${field('code')}: ${field('message')}` };
    default: return plumbing.has(event.type) ? undefined : { tone: 'network', text: event.type };
  }
}

function gatherText(event: CallEventJson): string {
  const input = String(event.input ?? 'dtmf');
  const listensFor = [input.includes('dtmf') && 'keys', input.includes('speech') && 'speech'].filter(Boolean).join(' or ');
  const details = [event.numDigits && `${event.numDigits} digit${event.numDigits === 1 ? '' : 's'}`, event.finishOnKey && `${event.finishOnKey} to finish`].filter(Boolean);
  return `Listens for ${listensFor}${details.length ? ` (${details.join(', ')})` : ''}`;
}

function dialTarget(event: CallEventJson): string {
  if (event.conference) return `conference ${String(event.conference)}`;
  if (event.queue) return `queue ${String(event.queue)}`;
  return Array.isArray(event.to) ? event.to.join(', ') : String(event.to ?? '');
}

/** What the call waits for, in the caller's words. */
export function waitingText(waitingFor: string | null): string | undefined {
  switch (waitingFor) {
    case null: return undefined;
    case 'gather': return 'Waiting for you to press keys or say something';
    case 'record': return 'Recording: say something, or press a key to finish';
    case 'answer': return 'Ringing';
    case 'dial': return 'Waiting while the call is put through';
    case 'bridge': return 'Connected';
    case 'queue': return 'Waiting in a queue';
    default: return `Waiting (${waitingFor})`;
  }
}

const finalStatuses = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export function isCallOver(call: Pick<EmulatedCallJson, 'status'>): boolean {
  return finalStatuses.has(call.status);
}

/**
 * Of two answers about the same call, the newer one. Answers can arrive out of order (an
 * action's answer and a refresh from the event stream), and a call's transcript only grows.
 */
export function newerCall(current: EmulatedCallJson | undefined, answer: EmulatedCallJson): EmulatedCallJson {
  if (!current || current.sid !== answer.sid) return answer;
  if (isCallOver(current) && !isCallOver(answer)) return current;
  return answer.events.length >= current.events.length ? answer : current;
}
