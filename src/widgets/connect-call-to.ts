import { answerCall, callbackOutput, hungUp, withoutCall, type VoiceResponse } from './voice-call.ts';
import { boolean, defineWidget, integer, liquidString, numericString, plainString, type RenderedProperties } from './widget.ts';
import { text, wholeNumber } from './property-values.ts';

/** How many numbers `number-multi` rings at once (Twilio's limit of <Number> nouns in a <Dial>). */
const maxSimultaneousNumbers = 10;

/** Dials a number, client, SIP URI, SIM or conference and bridges the caller to it. */
export default defineWidget({
  type: 'connect-call-to',
  label: 'Connect Call To',
  group: 'Voice',
  channel: 'voice',
  events: ['callCompleted', 'hangup'],
  properties: {
    noun: plainString({ enum: ['number', 'number-multi', 'client', 'sip', 'sim', 'conference'] }),
    to: liquidString({ description: 'For number-multi, up to 10 comma-separated numbers rung at once.' }),
    caller_id: liquidString({ default: '{{contact.channel.address}}' }),
    record: boolean({ default: false, nullable: true }),
    timeout: integer({ default: 30, description: 'Seconds of ringing, 1-600.' }),
    time_limit: numericString({ description: 'Maximum call length in seconds.' }),
    sip_endpoint: liquidString({ nullable: true }),
    sip_username: liquidString({ nullable: true }),
    sip_password: liquidString({ nullable: true }),
  },
  outputs: [
    'DialCallStatus', 'DialCallSid', 'DialCallDuration', 'RecordingUrl',
    'CallSid', 'CallStatus', 'AccountSid', 'From', 'To', 'Called', 'Caller', 'Direction', 'ApiVersion',
  ],
  /** A <Dial> whose action is the callback, with one noun (several <Number>s for number-multi). */
  run(props, ctx) {
    return (
      withoutCall(ctx) ??
      answerCall(ctx, (response) => {
        const callerId = text(props.caller_id);
        const timeLimit = wholeNumber(props.time_limit, 0) || undefined;
        const dial = response.dial({
          action: ctx.callbackUrl(),
          ...(callerId ? { callerId } : {}),
          timeout: typeof props.timeout === 'number' ? props.timeout : 30,
          ...(props.record === true ? { record: 'record-from-answer' } : {}),
          ...(timeLimit ? { timeLimit } : {}),
        });
        addNoun(dial, props);
      })
    );
  },
  /**
   * The Dial action: the dialed leg ended with the caller still there (`callCompleted`), or the
   * caller hung up during the bridge (the action still comes, with the call completed: `hangup`).
   */
  resume(event, ctx) {
    if (event.type === 'callEnded') return hungUp(ctx, event);
    const output = callbackOutput(event);
    const callerGone = typeof output.CallStatus === 'string' && !['in-progress', 'ringing', 'queued'].includes(output.CallStatus);
    return ctx.transition(callerGone ? 'hangup' : 'callCompleted', output);
  },
});

function addNoun(dial: ReturnType<VoiceResponse['dial']>, props: RenderedProperties): void {
  const to = text(props.to);
  switch (props.noun) {
    case 'number-multi':
      for (const number of to.split(',').map((item) => item.trim()).filter(Boolean).slice(0, maxSimultaneousNumbers)) dial.number(number);
      return;
    case 'client':
      dial.client(to);
      return;
    case 'sip': {
      // The SIP URI is `sip_endpoint` in exports; older ones put it in `to`.
      const username = text(props.sip_username);
      const password = text(props.sip_password);
      dial.sip({ ...(username ? { username } : {}), ...(password ? { password } : {}) }, text(props.sip_endpoint) || to);
      return;
    }
    case 'sim':
      dial.sim(to);
      return;
    case 'conference':
      dial.conference(to);
      return;
    default:
      dial.number(to);
  }
}
