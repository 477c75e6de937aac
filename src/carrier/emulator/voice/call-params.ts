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

function geographyOf(leg: CallLeg): Record<string, string> {
  const { from, to } = leg.record;
  return { ...geography('From', from), ...geography('To', to), ...geography('Caller', from), ...geography('Called', to) };
}

function geography(prefix: string, address: string): Record<string, string> {
  return { [`${prefix}City`]: '', [`${prefix}State`]: '', [`${prefix}Zip`]: '', [`${prefix}Country`]: countryOf(address) };
}

/** Parsing a number is costly and every request of a call repeats it, so countries are remembered (a bounded number of them). */
const countries = new Map<string, string>();
const maxCountries = 10_000;

function countryOf(address: string): string {
  let country = countries.get(address);
  if (country === undefined) {
    country = address.startsWith('+') ? (parsePhoneNumberFromString(address)?.country ?? '') : '';
    if (countries.size >= maxCountries) countries.delete(countries.keys().next().value as string);
    countries.set(address, country);
  }
  return country;
}
