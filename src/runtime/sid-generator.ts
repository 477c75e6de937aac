import { randomFillSync } from 'node:crypto';
import type { SidGenerator } from '../engine/services.ts';

/** Random bytes are drawn in blocks: one call to the system's generator per 400 SIDs. */
const block = Buffer.alloc(4000);
let used = block.length;

/**
 * Twilio-style SIDs: two letters and 32 hex digits. The first 12 digits are the time in
 * milliseconds and the other 20 (80 bits) are random, so SIDs made together sort together:
 * new rows then land on the same few index pages, which keeps database writes small.
 */
export const randomSids: SidGenerator = {
  next(prefix) {
    if (used === block.length) {
      randomFillSync(block);
      used = 0;
    }
    used += 10;
    return prefix + Date.now().toString(16).padStart(12, '0') + block.toString('hex', used - 10, used);
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
