import type { ResumeEvent, WidgetOutput } from '../engine/execution-state.ts';
import { voiceResponse } from '../twiml/responses.ts';
import type { Outcome, RenderedProperties, WidgetContext } from './widget.ts';

/**
 * What Studio's voice widgets share. A voice widget answers the call's current request with
 * TwiML whose `action` (or a final <Redirect>) comes back to the widget's callback URL, and waits
 * for that callback, or for the call to end.
 */

/** The call parameters a voice widget exposes under `widgets.<name>`. */
export const callOutputs = ['CallSid', 'CallStatus', 'AccountSid', 'From', 'To', 'Called', 'Caller', 'Direction', 'ApiVersion'] as const;

/** What every voice widget waits for: its callback, or the caller hanging up. */
export const voiceEvents = ['callback', 'callEnded'];

export type VoiceResponse = ReturnType<typeof voiceResponse>;

/** Fails the execution when it is on no call (a voice widget reached in an SMS execution). */
export function withoutCall(ctx: WidgetContext): Outcome | undefined {
  return ctx.callSid ? undefined : ctx.fail('noLiveCall', `${ctx.state.name} (${ctx.state.type})`);
}

/** Builds the widget's TwiML and waits for its callback. */
export function answerCall(ctx: WidgetContext, build: (response: VoiceResponse) => void, output?: WidgetOutput): Outcome {
  const response = voiceResponse();
  build(response);
  return ctx.wait({ events: voiceEvents, twiml: response.element, output });
}

/** The callback's parameters, as the widget's outputs (the marker this project adds is left out). */
export function callbackOutput(event: ResumeEvent): WidgetOutput {
  const { Event: _marker, ...params } = (event.params ?? {}) as Record<string, unknown>;
  return params;
}

/** Which callback this is: the `Event` marker a widget put in its URL, if any. */
export function callbackMarker(event: ResumeEvent): string | undefined {
  const marker = (event.params as Record<string, unknown> | undefined)?.Event;
  return typeof marker === 'string' ? marker : undefined;
}

/** The caller hung up: the widget's `hangup` transition where it has one, else the end of the flow. */
export function hungUp(ctx: WidgetContext, event: ResumeEvent): Outcome {
  return ctx.transition('hangup', callbackOutput(event));
}

/** Adds the Say, Play or DTMF digits that say-play and gather-input-on-call describe. */
export function addPrompt(parent: { say: VoiceResponse['say']; play: VoiceResponse['play'] }, props: RenderedProperties): void {
  const loop = typeof props.loop === 'number' && props.loop !== 1 ? props.loop : undefined;
  const say = typeof props.say === 'string' ? props.say : '';
  const play = typeof props.play === 'string' ? props.play : '';
  const digits = typeof props.digits === 'string' ? props.digits : '';
  if (say) {
    parent.say({ ...(props.voice ? { voice: String(props.voice) } : {}), ...(props.language ? { language: String(props.language) } : {}), ...(loop ? { loop } : {}) }, say);
  } else if (play) {
    parent.play(loop ? { loop } : {}, play);
  } else if (digits) {
    parent.play({ digits });
  }
}
