import { randomFillSync } from 'node:crypto';
import type { SidGenerator } from '../engine/services.ts';

/** Random bytes are drawn in blocks: one call to the system's generator per 256 SIDs. */
const block = Buffer.alloc(4096);
let used = block.length;

/** Twilio-style SIDs: two letters and 32 random hex digits. */
export const randomSids: SidGenerator = {
  next(prefix) {
    if (used === block.length) {
      randomFillSync(block);
      used = 0;
    }
    used += 16;
    return prefix + block.toString('hex', used - 16, used);
  },
};

/**
 * Repeatable SIDs, so that a test or a replay gets the same SIDs every run: 16 hex digits from
 * the seed, then a 16-digit counter.
 */
export function seededSids(seed = 1): SidGenerator {
  const stem = (seed >>> 0).toString(16).padStart(8, '0').repeat(2);
  let counter = 0;
  return { next: (prefix) => prefix + stem + (++counter).toString(16).padStart(16, '0') };
}
