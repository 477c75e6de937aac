import type { CallStatus } from '../../../../store/records.ts';
import type { TwimlElement } from '../../../../twiml/twiml-node.ts';
import type { CallLeg, TwimlSource } from '../call-leg.ts';
import type { VoiceNetwork } from '../voice-network.ts';

/** What a verb leads to: the next verb (nothing), another document, or the end of the call. */
export type VerbOutcome = void | { transfer: TwimlSource } | { hangup: CallStatus };

export interface VerbContext {
  leg: CallLeg;
  network: VoiceNetwork;
  /** A URL from the document, made absolute against the document's own URL. */
  resolve(url: string): string;
  /** Where an `action` goes: the attribute resolved, or (where Twilio defaults so) the document itself. */
  action(element: TwimlElement, defaultToDocument: boolean, extra: Record<string, string>): TwimlSource | undefined;
  /**
   * The caller hung up while the verb waited: Twilio still requests its action (CallStatus
   * completed) and ignores the answer. Resolves once the request is done.
   */
  actionAfterHangup(element: TwimlElement, defaultToDocument: boolean, extra: Record<string, string>): Promise<void>;
  /** Runs verbs in order, as a document does. */
  runVerbs(verbs: TwimlElement[]): Promise<VerbOutcome>;
  /** Verbs that mean something else here (<Leave> in a queue's wait music). */
  overrides?: Record<string, VerbRunner>;
}

export type VerbRunner = (element: TwimlElement, context: VerbContext) => Promise<VerbOutcome>;

/** An attribute as a number, or the default when it is missing or not a number (the validator has warned). */
export function numberAttribute(element: TwimlElement, name: string, fallback: number): number {
  const text = element.attributes[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function booleanAttribute(element: TwimlElement, name: string, fallback: boolean): boolean {
  const text = element.attributes[name];
  if (text === 'true') return true;
  if (text === 'false') return false;
  return fallback;
}

export function methodAttribute(element: TwimlElement, name = 'method'): string {
  return element.attributes[name]?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}
