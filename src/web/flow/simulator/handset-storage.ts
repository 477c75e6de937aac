import { defaultHandset } from './phone-numbers.ts';

/** The simulator remembers each flow's handset, and every handset it used, in localStorage. */
const flowHandsetKey = (flowSid: string) => `switchboard.simulator.handset.${flowSid}`;
const usedHandsetsKey = 'switchboard.simulator.handsets';

export function storedHandset(flowSid: string): string {
  return localStorage.getItem(flowHandsetKey(flowSid)) ?? defaultHandset;
}

export function storeHandset(flowSid: string, handset: string): void {
  localStorage.setItem(flowHandsetKey(flowSid), handset);
  const used = usedHandsets();
  if (!used.includes(handset)) localStorage.setItem(usedHandsetsKey, JSON.stringify([...used, handset]));
}

export function usedHandsets(): string[] {
  try {
    const used: unknown = JSON.parse(localStorage.getItem(usedHandsetsKey) ?? '[]');
    return Array.isArray(used) ? used.filter((each): each is string => typeof each === 'string') : [];
  } catch {
    return [];
  }
}
