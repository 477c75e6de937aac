/** `+` and up to 15 digits, not starting with 0: the E.164 form every number here must take. */
export function isE164(address: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(address);
}
