import type { Store } from '../store/store.ts';
import { VirtualClock } from './clock.ts';

/** The virtual clock is kept in the store, so that a restart goes on at the time it had reached. */
const setting = 'virtualClock';

export async function restoreVirtualClock(store: Store): Promise<VirtualClock> {
  const saved = await store.getSetting(setting);
  return new VirtualClock(saved ? Number(saved) : Date.now());
}

export async function saveVirtualClock(store: Store, clock: VirtualClock): Promise<void> {
  await store.putSetting(setting, String(clock.now()));
}
