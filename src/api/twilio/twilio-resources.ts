import { rfc2822 as rfc2822Date } from '../../carrier/rfc2822.ts';
import type { ApiKeyRecord, ApplicationRecord, CallRecord, MessageRecord, NumberRecord, RecordingRecord } from '../../store/records.ts';

/** The 2010-04-01 API's resource JSON: snake_case, RFC 2822 dates, URIs relative to the host. */

/** `Thu, 24 Aug 2023 05:01:45 +0000`, or null for a date not yet known. */
export function rfc2822(iso: string | null): string | null {
  return iso === null ? null : rfc2822Date(iso);
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

/** A number as Twilio shows it for display: `(415) 867-5309` in North America, else as it is. */
function formatted(address: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(address);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : address;
}

export function callJson(call: CallRecord) {
  const uri = `${accountUri(call.accountSid)}/Calls/${call.sid}`;
  const sub = (name: string) => `${uri}/${name}.json`;
  return {
    account_sid: call.accountSid,
    annotation: null,
    answered_by: call.answeredBy,
    api_version: '2010-04-01',
    caller_name: null,
    date_created: rfc2822(call.dateCreated),
    date_updated: rfc2822(call.dateUpdated),
    direction: call.direction,
    duration: call.duration === null ? null : String(call.duration),
    end_time: rfc2822(call.endTime),
    forwarded_from: null,
    from: call.from,
    from_formatted: formatted(call.from),
    group_sid: null,
    parent_call_sid: call.parentCallSid,
    phone_number_sid: call.phoneNumberSid,
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid: call.sid,
    start_time: rfc2822(call.startTime),
    status: call.status,
    subresource_uris: {
      notifications: sub('Notifications'),
      recordings: sub('Recordings'),
      payments: sub('Payments'),
      events: sub('Events'),
      siprec: sub('Siprec'),
      streams: sub('Streams'),
      transcriptions: sub('Transcriptions'),
      user_defined_message_subscriptions: sub('UserDefinedMessageSubscriptions'),
      user_defined_messages: sub('UserDefinedMessages'),
    },
    to: call.to,
    to_formatted: formatted(call.to),
    trunk_sid: null,
    uri: `${uri}.json`,
  };
}

/** A recording as the 2010 API shows it; its audio is here, or at `mediaUrl` (a real carrier's). */
export function recordingJson(recording: RecordingRecord, publicUrl: string, mediaUrl = `${publicUrl}${accountUri(recording.accountSid)}/Recordings/${recording.sid}`) {
  const uri = `${accountUri(recording.accountSid)}/Recordings/${recording.sid}`;
  return {
    account_sid: recording.accountSid,
    api_version: '2010-04-01',
    call_sid: recording.callSid,
    channels: 1,
    conference_sid: null,
    date_created: rfc2822(recording.dateCreated),
    date_updated: rfc2822(recording.dateUpdated),
    duration: String(recording.duration),
    encryption_details: null,
    error_code: null,
    media_url: mediaUrl,
    price: null,
    price_unit: 'USD',
    sid: recording.sid,
    source: recording.source,
    start_time: rfc2822(recording.startTime),
    status: recording.status,
    subresource_uris: { add_on_results: `${uri}/AddOnResults.json`, transcriptions: `${uri}/Transcriptions.json` },
    track: 'both',
    uri: `${uri}.json`,
  };
}
