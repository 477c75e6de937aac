import type { FastifyInstance } from 'fastify';
import type { StatusCallbackSettings, TwimlSource } from '../../carrier/emulator/voice/call-leg.ts';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import type { AccountRecord } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, dayRange, oneOf, optionalHttpUrl, optionalString, stringList, type Params } from '../params.ts';
import { accountUri, callJson, twilioPage } from './twilio-resources.ts';

type AccountParams = { Params: { accountSid: string } };
type CallParams = { Params: { accountSid: string; sid: string } };

const callbackEvents = ['initiated', 'ringing', 'answered', 'completed'] as const;
const maxInlineTwiml = 4000;

/** The 2010-04-01 Calls API over the emulated voice network. */
export function registerCallRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, voice } = context;
  const base = '/2010-04-01/Accounts/:accountSid/Calls';

  app.post<AccountParams>(`${base}.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const params = asParams(request.body);
    const to = optionalString(params, 'To') ?? '';
    const from = optionalString(params, 'From') ?? '';
    if (!to) throw new SwitchboardError('missingCalledNumber');
    if (!from) throw new SwitchboardError('missingCallerNumber');
    const timeout = wholeNumber(params, 'Timeout', 60, 1, 600);
    const sendDigits = optionalString(params, 'SendDigits');
    if (sendDigits !== undefined && !/^[0-9A-D#*wW]{0,32}$/.test(sendDigits)) {
      throw new SwitchboardError('invalidParameter', `SendDigits may hold up to 32 of 0-9, A-D, #, *, w and W, not "${sendDigits}"`);
    }
    const call = await voice.createCall(account, {
      to,
      from,
      timeout,
      sendDigits: sendDigits || undefined,
      machineDetection: oneOf(params, 'MachineDetection', ['Enable', 'DetectMessageEnd']),
      record: booleanParam(params, 'Record'),
      ...(await callInstructions(params, account, context)),
    });
    reply.code(201);
    return callJson(call);
  });

  app.get<AccountParams>(`${base}.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const query = asParams(request.query);
    const started = dayRange(query, 'StartTime');
    const ended = dayRange(query, 'EndTime');
    const filter = {
      accountSid: account.sid,
      to: optionalString(query, 'To'),
      from: optionalString(query, 'From'),
      parentCallSid: optionalString(query, 'ParentCallSid'),
      status: oneOf(query, 'Status', ['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled']),
      startedAfter: started.after,
      startedBefore: started.before,
      endedAfter: ended.after,
      endedBefore: ended.before,
    };
    const page = pageRequest(query);
    const links = pageLinks(await store.listCalls(filter, page), page, {
      To: filter.to,
      From: filter.from,
      ParentCallSid: filter.parentCallSid,
      Status: filter.status,
      StartTime: optionalString(query, 'StartTime'),
      'StartTime<': optionalString(query, 'StartTime<'),
      'StartTime>': optionalString(query, 'StartTime>'),
      EndTime: optionalString(query, 'EndTime'),
      'EndTime<': optionalString(query, 'EndTime<'),
      'EndTime>': optionalString(query, 'EndTime>'),
    });
    return twilioPage('calls', `${accountUri(account.sid)}/Calls.json`, { ...links, items: links.items.map(callJson) }, page.page, page.pageSize, page.offset);
  });

  async function ownedCall(accountSid: string, sid: string) {
    const call = voice.live(sid)?.record ?? (await store.getCall(sid));
    if (!call || call.accountSid !== accountSid) throw resourceNotFound(`${accountUri(accountSid)}/Calls/${sid}.json`);
    return call;
  }

  app.get<CallParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    return callJson(await ownedCall(account.sid, request.params.sid));
  });

  app.post<CallParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    await ownedCall(account.sid, request.params.sid);
    const params = asParams(request.body);
    const status = oneOf(params, 'Status', ['canceled', 'completed']);
    const hasUrl = optionalString(params, 'Url') !== undefined;
    const hasTwiml = optionalString(params, 'Twiml') !== undefined;
    if (hasUrl && hasTwiml) throw new SwitchboardError('invalidParameter', 'Url and Twiml are mutually exclusive');
    const settings = webhookSettings(params);
    const source = hasUrl || hasTwiml ? (await callInstructions(params, account, context)).source : undefined;
    return callJson(await voice.updateCall(account.sid, request.params.sid, { source, status, ...settings }));
  });

  app.delete<CallParams>(`${base}/:sid.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const call = await ownedCall(account.sid, request.params.sid);
    if (voice.live(call.sid)) throw SwitchboardError.worded('invalidCallState', 'Cannot delete a call that is in progress; end it first with Status=completed');
    await store.deleteCall(call.sid);
    reply.code(204);
  });
}

/**
 * Where a call's TwiML comes from and who hears of it: `Url` (or `Twiml`, which Twilio ignores
 * when a Url is given), or an `ApplicationSid` whose settings replace the request's.
 */
async function callInstructions(
  params: Params,
  account: AccountRecord,
  context: AppContext,
): Promise<{ source: TwimlSource; fallback?: { url: string; method: string }; statusCallback?: StatusCallbackSettings }> {
  const applicationSid = optionalString(params, 'ApplicationSid');
  if (applicationSid) {
    const application = await context.store.getApplication(applicationSid);
    if (!application || application.accountSid !== account.sid) throw new SwitchboardError('invalidApplicationSid', `${applicationSid} is not an Application of this account`);
    if (!application.voiceUrl) throw new SwitchboardError('invalidUrl', `Application ${applicationSid} has no VoiceUrl`);
    return {
      source: { url: application.voiceUrl, method: application.voiceMethod },
      fallback: application.voiceFallbackUrl ? { url: application.voiceFallbackUrl, method: application.voiceFallbackMethod } : undefined,
      statusCallback: application.statusCallback ? { url: application.statusCallback, method: application.statusCallbackMethod, events: new Set(['completed']) } : undefined,
    };
  }
  const url = callUrl(params, 'Url');
  const twiml = optionalString(params, 'Twiml');
  if (!url && !twiml) throw new SwitchboardError('missingCallUrl');
  if (!url && twiml !== undefined && twiml.length > maxInlineTwiml) {
    throw new SwitchboardError('invalidParameter', `Twiml is ${twiml.length} characters; at most ${maxInlineTwiml} are allowed`);
  }
  const method = oneOf(params, 'Method', ['GET', 'POST']) ?? 'POST';
  return { source: url ? { url, method } : { twiml: twiml as string }, ...webhookSettings(params) };
}

/** The fallback and status callback a create or an update may set; every parameter is checked even when unused. */
function webhookSettings(params: Params): { fallback?: { url: string; method: string }; statusCallback?: StatusCallbackSettings } {
  oneOf(params, 'Method', ['GET', 'POST']);
  const fallbackUrl = optionalHttpUrl(params, 'FallbackUrl');
  const fallbackMethod = oneOf(params, 'FallbackMethod', ['GET', 'POST']) ?? 'POST';
  const statusCallbackUrl = optionalHttpUrl(params, 'StatusCallback');
  const statusCallbackMethod = oneOf(params, 'StatusCallbackMethod', ['GET', 'POST']) ?? 'POST';
  const events = statusCallbackEventsOf(params);
  return {
    fallback: fallbackUrl ? { url: fallbackUrl, method: fallbackMethod } : undefined,
    statusCallback: statusCallbackUrl ? { url: statusCallbackUrl, method: statusCallbackMethod, events: new Set(events) } : undefined,
  };
}

/** The call's Url; one that is not an http or https URL is Twilio's 21205. */
function callUrl(params: Params, name: string): string | undefined {
  try {
    return optionalHttpUrl(params, name);
  } catch {
    throw new SwitchboardError('invalidUrl', `${name} "${optionalString(params, name)}" is not an http or https URL`);
  }
}

/** Repeated `StatusCallbackEvent` keys; one value holding several events is refused, as Twilio does (21626). */
function statusCallbackEventsOf(params: Params): string[] {
  const events = stringList(params, 'StatusCallbackEvent');
  for (const event of events) {
    if (!(callbackEvents as readonly string[]).includes(event)) {
      throw new SwitchboardError('invalidStatusCallbackEvent', `"${event}" is not one of ${callbackEvents.join(', ')}; repeat the parameter for several events`);
    }
  }
  return events.length > 0 ? events : ['completed'];
}

function wholeNumber(params: Params, name: string, fallback: number, min: number, max: number): number {
  const text = optionalString(params, name);
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new SwitchboardError('invalidParameter', `${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

function booleanParam(params: Params, name: string): boolean {
  const value = oneOf(params, name, ['true', 'false']);
  return value === 'true';
}
