import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CallLeg } from './call-leg.ts';

/**
 * The parameters Twilio sends with every voice request (§3.1): the call's identity and status,
 * the legacy Called/Caller aliases, and geographic fields, empty where unknown as in real payloads.
 */
export function callParams(leg: CallLeg): Record<string, string> {
  const call = leg.record;
  const params: Record<string, string> = {
    AccountSid: call.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    CallStatus: call.status,
    Called: call.to,
    Caller: call.from,
    Direction: call.direction,
    From: call.from,
    To: call.to,
    ...geographyOf(leg),
    ...leg.extraParams,
  };
  if (call.parentCallSid) params.ParentCallSid = call.parentCallSid;
  if (call.answeredBy) params.AnsweredBy = call.answeredBy;
  return params;
}

/** A leg's From and To never change, so their geography is worked out once per leg. */
const geographies = new WeakMap<CallLeg, Record<string, string>>();

function geographyOf(leg: CallLeg): Record<string, string> {
  let fields = geographies.get(leg);
  if (!fields) {
    const { from, to } = leg.record;
    fields = { ...geography('From', from), ...geography('To', to), ...geography('Caller', from), ...geography('Called', to) };
    geographies.set(leg, fields);
  }
  return fields;
}

function geography(prefix: string, address: string): Record<string, string> {
  const country = address.startsWith('+') ? (parsePhoneNumberFromString(address)?.country ?? '') : '';
  return { [`${prefix}City`]: '', [`${prefix}State`]: '', [`${prefix}Zip`]: '', [`${prefix}Country`]: country };
}
