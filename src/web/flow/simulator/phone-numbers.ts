import type { NumberJson } from '../../api/types.ts';

/** Where the simulator's numbers come from: the emulator's fictional +1 555 range. */
export const firstFlowNumber = '+15555550100';
export const defaultHandset = '+15555551234';

export function isE164(value: string): boolean {
  return /^\+[1-9]\d{1,14}$/.test(value);
}

/** The account's numbers whose messaging or voice points at the flow's webhook. */
export function numbersOfFlow(numbers: NumberJson[], webhookUrl: string): NumberJson[] {
  return numbers.filter((number) => number.sms_url === webhookUrl || number.voice_url === webhookUrl);
}

/** The first number from `start` upward (same length, so it stays in the range) that is not in `used`. */
export function nextFreeNumber(start: string, used: Iterable<string>): string {
  const taken = new Set(used);
  const digits = start.slice(1);
  for (let candidate = BigInt(digits); String(candidate).length === digits.length; candidate++) {
    const number = `+${candidate}`;
    if (!taken.has(number)) return number;
  }
  throw new Error(`every number from ${start} up is taken`);
}

/** What a flow's number answers for this flow: messaging, voice, or both. */
export function channelsOf(number: NumberJson, webhookUrl: string): string {
  const channels = [number.sms_url === webhookUrl && 'SMS', number.voice_url === webhookUrl && 'voice'].filter(Boolean);
  return channels.join(' and ');
}
