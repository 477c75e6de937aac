import type { FastifyInstance } from 'fastify';
import { SwitchboardError } from '../../errors.ts';
import { isoNow } from '../../engine/services.ts';
import { saveVirtualClock } from '../../runtime/saved-virtual-clock.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { asParams, requiredString, withinFourDigitYears } from '../params.ts';

/** The emulator's clock: read it, and under `--clock virtual` move it, firing what falls due. */
export function registerClockRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, clock, virtualClock, virtualScheduler, voice, runtime } = context;
  const now = () => ({ now: isoNow(clock), virtual: virtualClock !== undefined });

  app.get('/emulator/v1/Clock', async (request) => {
    await authenticate(request, store);
    return now();
  });

  app.post('/emulator/v1/Clock', async (request) => {
    await authenticate(request, store);
    if (!virtualClock) throw new SwitchboardError('clockNotVirtual');
    const text = requiredString(asParams(request.body), 'Advance');
    const seconds = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(seconds)) {
      throw new SwitchboardError('invalidParameter', `Advance must be a number of seconds, not "${text}"`);
    }
    // Past the year 9999 dates stop being printable, and the clock's setting could not be read back.
    if (!withinFourDigitYears(virtualClock.now() + seconds * 1000)) {
      throw new SwitchboardError('invalidParameter', `Advance of ${text} seconds would move the clock past the year 9999`);
    }
    // Timers fire one at a time at their own moment, and what each sets off (a webhook, the next
    // verb) finishes before the clock moves on, so that a call's timeline is the same however far
    // the clock is moved in one go.
    const target = virtualClock.now() + seconds * 1000;
    await voice.idle();
    for (let due = virtualScheduler?.nextDue(); due !== undefined && due <= target; due = virtualScheduler?.nextDue()) {
      virtualClock.advanceTo(due);
      virtualScheduler?.runDue(due);
      await voice.idle();
    }
    virtualClock.advanceTo(target);
    await saveVirtualClock(store, virtualClock);
    await runtime.runDueTimers();
    await voice.idle();
    return now();
  });
}
