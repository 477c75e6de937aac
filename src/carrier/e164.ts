import { isPossiblePhoneNumber } from 'libphonenumber-js';

/** `+` and up to 15 digits, not starting with 0: the E.164 form every number here must take. */
export function isE164(address: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(address);
}

/** An E.164 number that could exist (right length for its country), as libphonenumber-js judges it. */
export function isPossibleNumber(address: string): boolean {
  return isE164(address) && isPossiblePhoneNumber(address);
}

/** `client:identity`: a browser client's address (up to 256 characters, no spaces). */
export function isClientAddress(address: string): boolean {
  return /^client:[^\s]{1,256}$/.test(address);
}

/** `sip:user@host`. */
export function isSipAddress(address: string): boolean {
  return /^sip:[^\s@]+@[^\s]+$/.test(address);
}
