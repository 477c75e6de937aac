import { gather } from './gather.ts';
import { hangup, redirect, reject } from './call-control.ts';
import { dial } from './dial.ts';
import { enqueue, leave } from './enqueue.ts';
import { pay } from './pay.ts';
import { pause, sayOrPlay } from './prompts.ts';
import { record } from './record.ts';
import { sms } from './sms.ts';
import { connect, start, stop } from './streams.ts';
import type { VerbRunner } from './verb.ts';

/** Every voice verb the interpreter carries out, by element name. */
export const verbRunners: Record<string, VerbRunner> = {
  Say: sayOrPlay,
  Play: sayOrPlay,
  Pause: pause,
  Gather: gather,
  Record: record,
  Dial: dial,
  Redirect: redirect,
  Hangup: hangup,
  Reject: reject,
  Enqueue: enqueue,
  Leave: leave,
  Sms: sms,
  Message: sms,
  Pay: pay,
  Start: start,
  Stop: stop,
  Connect: connect,
  Echo: async (_element, { leg }) => {
    leg.hear('echo');
    await leg.park<void>('hangup', [], () => ({}));
  },
  Refer: async (_element, { leg }) => {
    leg.hear('error', { code: 13801, message: 'Refer is not allowed on non-SIP call legs' });
  },
};
