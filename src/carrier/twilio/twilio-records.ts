import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import type { RecordingInstance as CallRecordingInstance } from 'twilio/lib/rest/api/v2010/account/call/recording.js';
import type { RecordingInstance } from 'twilio/lib/rest/api/v2010/account/recording.js';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message.js';
import type { CallDirection, CallRecord, CallStatus, MessageDirection, MessageRecord, RecordingRecord, RecordingSource } from '../../store/records.ts';

/**
 * Twilio's answers and status callbacks as our records, so that flows see the same fields on the
 * real carrier as on the emulator. The SDK parses dates; one it could not parse becomes null (or
 * `now` where the record needs a date).
 */

export function messageRecord(message: MessageInstance, fields: { mediaUrls: string[]; statusCallback: string; executionSid?: string; now: string }): MessageRecord {
  return {
    sid: message.sid,
    accountSid: message.accountSid,
    from: message.from,
    to: message.to,
    body: message.body ?? '',
    mediaUrls: fields.mediaUrls,
    status: message.status,
    direction: message.direction as MessageDirection,
    numSegments: Number(message.numSegments) || 1,
    messagingServiceSid: message.messagingServiceSid ?? null,
    statusCallback: fields.statusCallback,
    errorCode: message.errorCode ?? null,
    errorMessage: message.errorMessage ?? null,
    dateCreated: iso(message.dateCreated) ?? fields.now,
    dateSent: iso(message.dateSent),
    dateUpdated: iso(message.dateUpdated) ?? fields.now,
    ...(fields.executionSid ? { executionSid: fields.executionSid } : {}),
  };
}

/** A message status callback's parameters: the body is not in them, and only the status matters to flows. */
export function messageFromStatusCallback(params: Record<string, string>, executionSid: string | undefined, now: string): MessageRecord {
  return {
    sid: params.MessageSid ?? params.SmsSid ?? '',
    accountSid: params.AccountSid ?? '',
    from: params.From ?? '',
    to: params.To ?? '',
    body: '',
    mediaUrls: [],
    status: params.MessageStatus ?? params.SmsStatus ?? '',
    direction: 'outbound-api',
    numSegments: Number(params.NumSegments) || 1,
    messagingServiceSid: params.MessagingServiceSid ?? null,
    statusCallback: null,
    errorCode: params.ErrorCode ? Number(params.ErrorCode) : null,
    errorMessage: params.ErrorMessage ?? null,
    dateCreated: now,
    dateSent: null,
    dateUpdated: now,
    ...(executionSid ? { executionSid } : {}),
  };
}

export function callRecord(call: CallInstance, now: string): CallRecord {
  return {
    sid: call.sid,
    accountSid: call.accountSid,
    parentCallSid: call.parentCallSid ?? null,
    from: call.from,
    to: call.to,
    direction: call.direction as CallDirection,
    status: call.status as CallStatus,
    phoneNumberSid: call.phoneNumberSid ?? null,
    answeredBy: call.answeredBy ?? null,
    dateCreated: iso(call.dateCreated) ?? now,
    dateUpdated: iso(call.dateUpdated) ?? now,
    startTime: iso(call.startTime),
    endTime: iso(call.endTime),
    duration: call.duration ? Number(call.duration) : null,
  };
}

/** A call status callback's parameters as the call's record. */
export function callFromStatusCallback(params: Record<string, string>, now: string): CallRecord {
  return {
    sid: params.CallSid ?? '',
    accountSid: params.AccountSid ?? '',
    parentCallSid: params.ParentCallSid ?? null,
    from: params.From ?? '',
    to: params.To ?? '',
    direction: (params.Direction ?? 'inbound') as CallDirection,
    status: (params.CallStatus ?? 'completed') as CallStatus,
    phoneNumberSid: null,
    answeredBy: params.AnsweredBy ?? null,
    dateCreated: now,
    dateUpdated: now,
    startTime: null,
    endTime: now,
    duration: params.CallDuration ? Number(params.CallDuration) : null,
  };
}

/** A recording as a call's recordings or the account's answer it (the fields both have). */
export function recordingRecord(recording: CallRecordingInstance | RecordingInstance, now: string): RecordingRecord {
  return {
    sid: recording.sid,
    accountSid: recording.accountSid,
    callSid: recording.callSid,
    status: recording.status === 'absent' ? 'absent' : recording.status === 'in-progress' ? 'in-progress' : 'completed',
    source: (recording.source ?? 'OutboundAPI') as RecordingSource,
    duration: Number(recording.duration) || 0,
    audio: '',
    startTime: iso(recording.startTime) ?? now,
    dateCreated: iso(recording.dateCreated) ?? now,
    dateUpdated: iso(recording.dateUpdated) ?? now,
  };
}

function iso(date: Date | null | undefined): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
