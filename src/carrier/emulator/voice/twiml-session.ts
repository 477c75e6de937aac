import { describeError, errorRecord } from '../../../errors.ts';
import type { CallStatus } from '../../../store/records.ts';
import { elementsOf, type TwimlElement } from '../../../twiml/twiml-node.ts';
import { validateTwiml, type TwimlValidation } from '../../../twiml/validate-twiml.ts';
import { voiceSchema } from '../../../twiml/voice-schema.ts';
import { requestWebhook } from '../../webhook-client.ts';
import { LegInterrupted, type CallLeg, type TwimlSource } from './call-leg.ts';
import { callParams } from './call-params.ts';
import { verbRunners } from './verbs/verb-runners.ts';
import type { VerbContext, VerbOutcome, VerbRunner } from './verbs/verb.ts';
import type { VoiceNetwork } from './voice-network.ts';

/**
 * The TwiML interpreter for one call leg (reference §2.7): request a document with the call's
 * parameters and signature, carry out its verbs in order, follow `action` and <Redirect> to the
 * next document, and hang up at the end. A document that cannot be fetched or read goes to the
 * fallback URL with ErrorCode and ErrorUrl, else the caller hears the application-error message.
 */
export async function runTwiml(leg: CallLeg, first: TwimlSource, network: VoiceNetwork): Promise<CallStatus> {
  let next: TwimlSource | undefined = first;
  let instantDocuments = 0;
  while (next) {
    const source: TwimlSource = next;
    next = undefined;
    const parksBefore = leg.parkCount;
    try {
      const document = await loadDocument(leg, source, network);
      if (!document) return 'completed';
      const outcome = await runVerbs(elementsOf(document), contextFor(leg, network));
      if (outcome && 'hangup' in outcome) return outcome.hangup;
      if (outcome) next = outcome.transfer;
    } catch (error) {
      if (!(error instanceof LegInterrupted) || error.interruption.kind !== 'redirect') throw error;
      next = error.interruption.source;
    }
    instantDocuments = leg.parkCount === parksBefore ? instantDocuments + 1 : 0;
    if (next && instantDocuments >= network.options.maxInstantDocuments) {
      leg.hear('error', { ...errorRecord('endlessTwimlLoop', `${instantDocuments} in a row; the call was ended as an endless loop`) });
      return 'completed';
    }
  }
  await network.markAnswered(leg);
  leg.hear('hangup', { by: 'end-of-document' });
  return 'completed';
}

/**
 * Runs a document on a leg inside a verb (a whisper, a queue's wait music, a <Queue url>),
 * following its redirects and actions until it runs out. `overrides` replace verbs (<Leave>).
 * True when the document hung up.
 */
export async function runNestedDocument(
  leg: CallLeg,
  first: TwimlSource,
  network: VoiceNetwork,
  overrides: Record<string, VerbRunner> = {},
): Promise<boolean> {
  const outerUrl = leg.documentUrl;
  try {
    let next: TwimlSource | undefined = first;
    for (let documents = 0; next && documents < network.options.maxInstantDocuments; documents++) {
      const document = await loadDocument(leg, next, network);
      if (!document) return true;
      const context = contextFor(leg, network, overrides);
      const outcome = await runVerbs(elementsOf(document), context);
      if (outcome && 'hangup' in outcome) return true;
      next = outcome?.transfer;
    }
    return false;
  } finally {
    leg.documentUrl = outerUrl;
  }
}

/** Carries out verbs in order until one transfers control or ends the call. */
export async function runVerbs(verbs: TwimlElement[], context: VerbContext): Promise<VerbOutcome> {
  const { leg, network } = context;
  for (const verb of verbs) {
    leg.checkpoint();
    // An inbound call is answered by its first verb, unless that verb rejects it or pauses first.
    if (leg.record.status === 'ringing' && verb.name !== 'Reject' && verb.name !== 'Pause') await network.markAnswered(leg);
    const run = context.overrides?.[verb.name] ?? verbRunners[verb.name];
    if (!run) {
      leg.hear('warning', { code: 12200, message: `<${verb.name}> is not a verb of a voice <Response>; skipped` });
      continue;
    }
    const outcome = await run(verb, context);
    if (outcome) return outcome;
  }
  return undefined;
}

function contextFor(leg: CallLeg, network: VoiceNetwork, overrides?: Record<string, VerbRunner>): VerbContext {
  const context: VerbContext = {
    leg,
    network,
    overrides,
    resolve(url) {
      try {
        return new URL(url, leg.documentUrl).toString();
      } catch {
        throw new TwimlUrlError(url);
      }
    },
    action(element, defaultToDocument, extra) {
      const given = element.attributes.action;
      if (!given && !(defaultToDocument && leg.documentUrl)) return undefined;
      const url = context.resolve(given ?? (leg.documentUrl as string));
      const method = element.attributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST';
      return { url, method, extra };
    },
    async actionAfterHangup(element, defaultToDocument, extra) {
      const action = context.action(element, defaultToDocument, extra);
      if (action && 'url' in action) await network.requestIgnoringAnswer(leg, action.url, action.method, { ...action.extra, CallStatus: 'completed' });
    },
    runVerbs: (verbs) => runVerbs(verbs, context),
  };
  return context;
}

/** A relative URL in a document that has no URL of its own (TwiML given inline): Twilio's 15004. */
export class TwimlUrlError extends Error {
  constructor(url: string) {
    super(`"${url}" must be an absolute URL when the TwiML has no URL of its own`);
  }
}

/** The document's root, or undefined when the call has ended because none could be had. */
async function loadDocument(leg: CallLeg, source: TwimlSource, network: VoiceNetwork, failedUrl?: string): Promise<TwimlElement | undefined> {
  if ('twiml' in source) {
    leg.documentUrl = undefined;
    leg.hear('twiml', { inline: true });
    const root = readTwiml(leg, source.twiml);
    if (root) return root;
    return applicationError(leg, network, { code: 12100, message: 'The TwiML given inline is not a well-formed <Response>' });
  }
  leg.hear('request', { url: source.url, method: source.method });
  let problem: { code: number; message: string };
  try {
    const answer = await requestWebhook({ url: source.url, method: source.method, params: { ...callParams(leg), ...source.extra }, authToken: leg.account.authToken });
    leg.checkpoint();
    const type = answer.contentType.split(';')[0].trim().toLowerCase();
    if (answer.status < 200 || answer.status >= 300) {
      problem = { code: 11200, message: `${source.url} answered HTTP ${answer.status}` };
    } else if (type.startsWith('audio/')) {
      leg.hear('play', { url: answer.url });
      leg.hear('hangup', { by: 'end-of-document' });
      return undefined;
    } else if (type === 'text/plain' && !answer.body.trimStart().startsWith('<')) {
      leg.hear('say', { text: answer.body.trim(), voice: 'man', language: 'en-US' });
      leg.hear('hangup', { by: 'end-of-document' });
      return undefined;
    } else if (type === 'text/xml' || type === 'application/xml' || type === 'text/html' || type === 'text/plain') {
      leg.documentUrl = answer.url;
      const root = readTwiml(leg, answer.body);
      if (root) return root;
      problem = { code: 12100, message: `The TwiML from ${source.url} is not a well-formed <Response>` };
    } else {
      problem = { code: 12300, message: `${source.url} answered with Content-Type "${answer.contentType}", which is not TwiML` };
    }
  } catch (error) {
    if (error instanceof LegInterrupted) throw error;
    problem = { code: 11200, message: describeError(error) };
  }
  leg.hear('error', { ...problem, url: source.url });
  network.logger.warn({ callSid: leg.sid, ...problem, url: source.url }, 'voice webhook failed');
  if (leg.fallback && !failedUrl) {
    const fallbackSource = { url: leg.fallback.url, method: leg.fallback.method, extra: { ErrorCode: String(problem.code), ErrorUrl: source.url } };
    return loadDocument(leg, fallbackSource, network, source.url);
  }
  return applicationError(leg, network, problem);
}

/**
 * Apps answer the same few documents over and over, so recent ones are kept parsed and checked
 * (the interpreter never changes a tree). Only small documents, so the cache stays small.
 */
const recentDocuments = new Map<string, TwimlValidation>();
const maxRecentDocuments = 256;
const maxCachedLength = 8 * 1024;

function validated(xml: string): TwimlValidation {
  const cached = recentDocuments.get(xml);
  if (cached) return cached;
  const validation = validateTwiml(xml, voiceSchema);
  if (xml.length <= maxCachedLength) {
    if (recentDocuments.size >= maxRecentDocuments) recentDocuments.delete(recentDocuments.keys().next().value as string);
    recentDocuments.set(xml, validation);
  }
  return validation;
}

/** Parses and checks a document; warnings are heard as events, a parse failure returns undefined. */
function readTwiml(leg: CallLeg, xml: string): TwimlElement | undefined {
  const validation = validated(xml);
  for (const finding of validation.findings) leg.hear(finding.level, { code: finding.code, message: finding.message, path: finding.path });
  return validation.valid ? validation.root : undefined;
}

async function applicationError(leg: CallLeg, network: VoiceNetwork, problem: { code: number; message: string }): Promise<undefined> {
  network.logger.warn({ callSid: leg.sid, ...problem }, 'the call ends with an application error');
  await network.markAnswered(leg);
  leg.hear('say', { text: network.options.applicationErrorMessage, voice: 'woman', language: 'en-US' });
  leg.hear('hangup', { by: 'application-error' });
  return undefined;
}
