import { randomBytes } from 'node:crypto';
import type { SidGenerator } from '../engine/services.ts';

/** Twilio-style SIDs: two letters and 32 random hex digits. */
export const randomSids: SidGenerator = {
  next: (prefix) => prefix + randomBytes(16).toString('hex'),
};

/** Repeatable SIDs from a seed, so that a test or a replay gets the same SIDs every run. */
export function seededSids(seed = 1): SidGenerator {
  let state = seed >>> 0;
  const word = () => {
    // mulberry32: small, fast and good enough to make distinct-looking ids.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return { next: (prefix) => prefix + word() + word() + word() + word() };
}
