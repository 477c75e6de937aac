import type { ApiKeyRecord, ApplicationRecord, MessageRecord, NumberRecord } from '../../store/records.ts';

/** The 2010-04-01 API's resource JSON: snake_case, RFC 2822 dates, URIs relative to the host. */

/** `Thu, 24 Aug 2023 05:01:45 +0000` */
export function rfc2822(iso: string | null): string | null {
  return iso === null ? null : new Date(iso).toUTCString().replace('GMT', '+0000');
}

export function accountUri(accountSid: string): string {
  return `/2010-04-01/Accounts/${accountSid}`;
}

export function messageJson(message: MessageRecord) {
  const uri = `${accountUri(message.accountSid)}/Messages/${message.sid}`;
  return {
    account_sid: message.accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: rfc2822(message.dateSent),
    date_updated: rfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: message.errorCode,
    error_message: message.errorMessage,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: String(message.mediaUrls.length),
    num_segments: String(message.numSegments),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}

export function numberJson(number: NumberRecord) {
  const uri = `${accountUri(number.accountSid)}/IncomingPhoneNumbers/${number.sid}`;
  return {
    account_sid: number.accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: '2010-04-01',
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: true, sms: true, voice: true },
    date_created: rfc2822(number.dateCreated),
    date_updated: rfc2822(number.dateUpdated),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: '',
    sms_fallback_method: number.smsFallbackMethod,
    sms_fallback_url: number.smsFallbackUrl ?? '',
    sms_method: number.smsMethod,
    sms_url: number.smsUrl ?? '',
    status: 'in-use',
    status_callback: number.statusCallback ?? '',
    status_callback_method: number.statusCallbackMethod,
    subresource_uris: { assigned_add_ons: `${uri}/AssignedAddOns.json` },
    trunk_sid: null,
    uri: `${uri}.json`,
    voice_application_sid: '',
    voice_caller_id_lookup: false,
    voice_fallback_method: number.voiceFallbackMethod,
    voice_fallback_url: number.voiceFallbackUrl ?? '',
    voice_method: number.voiceMethod,
    voice_receive_mode: 'voice',
    voice_url: number.voiceUrl ?? '',
  };
}

/** The 2010-04-01 list envelope. */
export function twilioPage<T>(key: string, path: string, links: { items: T[]; first: string; current: string; next: string | null; previous: string | null }, page: number, pageSize: number, offset: number) {
  return {
    [key]: links.items,
    end: offset + Math.max(links.items.length - 1, 0),
    first_page_uri: `${path}${links.first}`,
    next_page_uri: links.next === null ? null : `${path}${links.next}`,
    page,
    page_size: pageSize,
    previous_page_uri: links.previous === null ? null : `${path}${links.previous}`,
    start: offset,
    uri: `${path}${links.current}`,
  };
}

export function applicationJson(application: ApplicationRecord) {
  return {
    account_sid: application.accountSid,
    api_version: '2010-04-01',
    date_created: rfc2822(application.dateCreated),
    date_updated: rfc2822(application.dateUpdated),
    friendly_name: application.friendlyName,
    message_status_callback: application.messageStatusCallback ?? '',
    public_application_connect_enabled: false,
    sid: application.sid,
    sms_fallback_method: application.smsFallbackMethod,
    sms_fallback_url: application.smsFallbackUrl ?? '',
    sms_method: application.smsMethod,
    sms_status_callback: application.smsStatusCallback ?? '',
    sms_url: application.smsUrl ?? '',
    status_callback: application.statusCallback ?? '',
    status_callback_method: application.statusCallbackMethod,
    uri: `${accountUri(application.accountSid)}/Applications/${application.sid}.json`,
    voice_caller_id_lookup: false,
    voice_fallback_method: application.voiceFallbackMethod,
    voice_fallback_url: application.voiceFallbackUrl ?? '',
    voice_method: application.voiceMethod,
    voice_url: application.voiceUrl ?? '',
  };
}

/** An API key as Twilio shows it: the secret only in the answer that creates the key. */
export function apiKeyJson(key: ApiKeyRecord) {
  return {
    date_created: rfc2822(key.dateCreated),
    date_updated: rfc2822(key.dateUpdated),
    friendly_name: key.friendlyName,
    sid: key.sid,
  };
}
