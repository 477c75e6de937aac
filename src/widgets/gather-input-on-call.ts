import { addPrompt, answerCall, callbackMarker, callbackOutput, callOutputs, hungUp, withoutCall } from './voice-call.ts';
import { boolean, defineWidget, integer, liquidString, numericString, plainString, stringBoolean } from './widget.ts';

/** Plays an optional prompt and collects keypad digits or speech from the caller. */
export default defineWidget({
  type: 'gather-input-on-call',
  label: 'Gather Input On Call',
  group: 'Voice',
  channel: 'voice',
  events: ['keypress', 'speech', 'timeout'],
  properties: {
    say: liquidString(),
    play: liquidString({ nullable: true }),
    voice: liquidString(),
    language: liquidString(),
    loop: integer({ default: 1 }),
    timeout: integer({ default: 5, description: 'Seconds to wait for input, 0-30.' }),
    finish_on_key: plainString({ default: '#', description: '"" disables it.' }),
    number_of_digits: integer({ nullable: true }),
    stop_gather: boolean({ default: true, description: 'Stop the prompt when input starts.' }),
    gather_language: liquidString({ default: 'en-US', description: 'Speech recognition language.' }),
    speech_timeout: numericString({ description: '"auto" or a number of seconds.' }),
    speech_model: plainString({ description: 'e.g. "default", "numbers_and_commands", "phone_call".' }),
    hints: liquidString({ nullable: true, description: 'Comma-separated phrases.' }),
    profanity_filter: stringBoolean(),
    save_response_as: plainString({ nullable: true, description: 'Legacy exports only, always null.' }),
  },
  outputs: ['Digits', 'SpeechResult', 'Confidence', ...callOutputs],
  /**
   * A <Gather> for keys and speech whose action is the callback; when it ends with no input,
   * the call falls through to a <Redirect> that says so (`Event=timeout`).
   */
  run(props, ctx) {
    return (
      withoutCall(ctx) ??
      answerCall(ctx, (response) => {
        const speechTimeout = typeof props.speech_timeout === 'string' && props.speech_timeout !== '' ? props.speech_timeout : undefined;
        const gather = response.gather({
          action: ctx.callbackUrl(),
          input: ['dtmf', 'speech'],
          timeout: typeof props.timeout === 'number' ? props.timeout : 5,
          ...(typeof props.finish_on_key === 'string' ? { finishOnKey: props.finish_on_key } : {}),
          ...(typeof props.number_of_digits === 'number' ? { numDigits: props.number_of_digits } : {}),
          ...(props.gather_language ? { language: String(props.gather_language) } : {}),
          ...(speechTimeout ? { speechTimeout } : {}),
          ...(props.speech_model ? { speechModel: String(props.speech_model) } : {}),
          ...(props.hints ? { hints: String(props.hints) } : {}),
          ...(props.profanity_filter ? { profanityFilter: props.profanity_filter === 'true' } : {}),
        });
        addPrompt(gather, props);
        response.redirect(ctx.callbackUrl({ Event: 'timeout' }));
      })
    );
  },
  resume(event, ctx) {
    if (event.type === 'callEnded') return hungUp(ctx, event);
    const output = callbackOutput(event);
    if (callbackMarker(event) === 'timeout') return ctx.transition('timeout', output);
    if (typeof output.SpeechResult === 'string') return ctx.transition('speech', output);
    return ctx.transition('keypress', output);
  },
});
