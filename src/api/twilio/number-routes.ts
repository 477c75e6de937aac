import type { FastifyInstance } from 'fastify';
import { isE164 } from '../../carrier/e164.ts';
import { newNumberRecord, type NumberSettings } from '../../carrier/emulator/number-record.ts';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import { StoreConflict } from '../../store/store.ts';
import { isoNow } from '../../engine/services.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, optionalString, type Params } from '../params.ts';
import { accountUri, numberJson, twilioPage } from './twilio-resources.ts';
import { webhookSettings } from './webhook-settings.ts';

type AccountParams = { Params: { accountSid: string } };
type NumberParams = { Params: { accountSid: string; sid: string } };

const urlFields = {
  SmsUrl: 'smsUrl',
  SmsFallbackUrl: 'smsFallbackUrl',
  VoiceUrl: 'voiceUrl',
  VoiceFallbackUrl: 'voiceFallbackUrl',
  StatusCallback: 'statusCallback',
} as const;

const methodFields = {
  SmsMethod: 'smsMethod',
  SmsFallbackMethod: 'smsFallbackMethod',
  VoiceMethod: 'voiceMethod',
  VoiceFallbackMethod: 'voiceFallbackMethod',
  StatusCallbackMethod: 'statusCallbackMethod',
} as const;

/** The 2010-04-01 IncomingPhoneNumbers API: on the emulator any E.164 number can be bought. */
export function registerNumberRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, sids, clock } = context;
  const base = '/2010-04-01/Accounts/:accountSid/IncomingPhoneNumbers';

  app.post<AccountParams>(`${base}.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const params = asParams(request.body);
    const phoneNumber = optionalString(params, 'PhoneNumber') ?? numberInArea(optionalString(params, 'AreaCode'));
    if (!isE164(phoneNumber)) throw new SwitchboardError('invalidPhoneNumber', `${phoneNumber} is not an E.164 number`);
    const now = isoNow(clock);
    const number = newNumberRecord(sids.next('PN'), account.sid, phoneNumber, now, settingsFrom(params));
    try {
      await store.putNumber(number);
    } catch (error) {
      if (error instanceof StoreConflict) throw new SwitchboardError('numberInUse', `${phoneNumber} is already in use`);
      throw error;
    }
    reply.code(201);
    return numberJson(number);
  });

  app.get<AccountParams>(`${base}.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const query = asParams(request.query);
    const filter = { phoneNumber: optionalString(query, 'PhoneNumber'), friendlyName: optionalString(query, 'FriendlyName') };
    const page = pageRequest(query);
    const links = pageLinks(await store.listNumbers(account.sid, filter, page), page, { PhoneNumber: filter.phoneNumber, FriendlyName: filter.friendlyName });
    const path = `${accountUri(account.sid)}/IncomingPhoneNumbers.json`;
    return twilioPage('incoming_phone_numbers', path, { ...links, items: links.items.map(numberJson) }, page.page, page.pageSize, page.offset);
  });

  async function ownedNumber(accountSid: string, sid: string) {
    const number = await store.getNumber(sid);
    if (!number || number.accountSid !== accountSid) throw resourceNotFound(`${accountUri(accountSid)}/IncomingPhoneNumbers/${sid}.json`);
    return number;
  }

  app.get<NumberParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    return numberJson(await ownedNumber(account.sid, request.params.sid));
  });

  app.post<NumberParams>(`${base}/:sid.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const number = await ownedNumber(account.sid, request.params.sid);
    const updated = { ...number, ...settingsFrom(asParams(request.body)), dateUpdated: isoNow(clock) };
    await store.putNumber(updated);
    return numberJson(updated);
  });

  app.delete<NumberParams>(`${base}/:sid.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    await ownedNumber(account.sid, request.params.sid);
    await store.deleteNumber(request.params.sid);
    reply.code(204);
  });
}

function settingsFrom(params: Params): NumberSettings {
  return webhookSettings<NumberSettings>(params, urlFields, methodFields);
}

/** `AreaCode=415` buys a number in that area, as Twilio's search-and-buy would. */
function numberInArea(areaCode: string | undefined): string {
  if (areaCode === undefined) throw SwitchboardError.worded('invalidParameter', 'Missing required parameter PhoneNumber or AreaCode in the post body');
  if (!/^[2-9]\d{2}$/.test(areaCode)) throw new SwitchboardError('invalidParameter', `AreaCode "${areaCode}" is not a 3-digit North American area code`);
  return `+1${areaCode}555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
}
