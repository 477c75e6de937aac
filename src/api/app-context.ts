import type { Logger } from 'pino';
import type { EmulatedConversations } from '../carrier/emulator/conversations.ts';
import type { EmulatedNetwork } from '../carrier/emulator/emulated-network.ts';
import type { VoiceNetwork } from '../carrier/emulator/voice/voice-network.ts';
import type { TwilioCarrier } from '../carrier/twilio/twilio-carrier.ts';
import type { VirtualScheduler } from '../runtime/scheduler.ts';
import type { Clock, SidGenerator } from '../engine/services.ts';
import type { VirtualClock } from '../runtime/clock.ts';
import type { FlowLibrary } from '../runtime/flow-library.ts';
import type { FlowRuntime } from '../runtime/flow-runtime.ts';
import type { Store } from '../store/store.ts';

/** Everything the HTTP routes use, built once by the server. */
export interface AppContext {
  store: Store;
  runtime: FlowRuntime;
  flows: FlowLibrary;
  network: EmulatedNetwork;
  voice: VoiceNetwork;
  /** The real carrier flows send and call through, with `--carrier twilio`. */
  twilioCarrier?: TwilioCarrier;
  conversations: EmulatedConversations;
  clock: Clock;
  /** Set when the server runs on the virtual clock, which the emulator API can move. */
  virtualClock?: VirtualClock;
  /** The timers that moving the virtual clock fires. */
  virtualScheduler?: VirtualScheduler;
  sids: SidGenerator;
  logger: Logger;
  /** The base URL put into resource links, webhooks and callbacks, without a trailing slash. */
  publicUrl: string;
  /** Whether the flow webhook requires a valid X-Twilio-Signature. */
  verifySignatures: boolean;
}
