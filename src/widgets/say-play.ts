import { addPrompt, answerCall, callbackOutput, callOutputs, hungUp, withoutCall } from './voice-call.ts';
import { defineWidget, integer, liquidString } from './widget.ts';

/** Says text, plays an audio URL or sends DTMF digits on the live call, then continues. */
export default defineWidget({
  type: 'say-play',
  label: 'Say/Play',
  group: 'Voice',
  channel: 'voice',
  events: ['audioComplete'],
  properties: {
    say: liquidString({ description: 'Text to say (SSML allowed). Set one of say, play or digits.' }),
    play: liquidString({ nullable: true, description: 'URL of an audio file.' }),
    digits: liquidString({ description: 'DTMF to send: 0-9 A-D w W # *.' }),
    voice: liquidString({ description: 'e.g. "alice", "Polly.Amy", "Polly.Mia-Neural".' }),
    language: liquidString({ description: 'e.g. "en-US", "en-GB", "pt-BR".' }),
    loop: integer({ default: 1, description: '1-99.' }),
  },
  outputs: [...callOutputs],
  run(props, ctx) {
    return (
      withoutCall(ctx) ??
      answerCall(ctx, (response) => {
        addPrompt(response, props);
        response.redirect(ctx.callbackUrl());
      })
    );
  },
  resume(event, ctx) {
    if (event.type === 'callEnded') return hungUp(ctx, event);
    return ctx.transition('audioComplete', callbackOutput(event));
  },
});
