import { answerCall, hungUp, withoutCall } from './voice-call.ts';
import { defineWidget, keyValueList, liquidString, plainString } from './widget.ts';
import { keyValuePairs, text } from './property-values.ts';

/**
 * Starts or stops streaming the call's audio to a WebSocket or a SIPREC connector.
 *
 * `start`: `<Start><Stream url name track><Parameter name value/>…</Stream></Start>`, or
 * `<Start><Siprec connectorName name track>` for the siprec transport. `stop`:
 * `<Stop><Stream name/></Stop>` (or `<Siprec name/>`). Either way a `<Redirect>` back to the
 * widget follows, since a fork does not hold the call, and that callback is `next`.
 */
export default defineWidget({
  type: 'fork-stream',
  label: 'Fork Stream',
  group: 'Voice',
  channel: 'voice',
  events: ['next'],
  properties: {
    stream_action: plainString({ required: true, enum: ['start', 'stop'] }),
    stream_name: liquidString({ description: 'Needed to stop a stream.' }),
    stream_transport_type: plainString({ enum: ['websocket', 'siprec'] }),
    stream_url: liquidString({ description: 'wss:// URL for websocket.' }),
    stream_connector: plainString({ description: 'SIPREC connector name.' }),
    stream_track: plainString({ enum: ['inbound_track', 'outbound_track', 'both_tracks'] }),
    stream_parameters: keyValueList(),
  },
  outputs: [],
  run(props, ctx) {
    return (
      withoutCall(ctx) ??
      answerCall(ctx, (response) => {
        const siprec = props.stream_transport_type === 'siprec';
        const name = text(props.stream_name);
        if (props.stream_action === 'stop') {
          const stop = response.stop();
          if (siprec) stop.siprec(name ? { name } : {});
          else stop.stream(name ? { name } : {});
        } else {
          const start = response.start();
          const attributes = {
            ...(siprec ? { connectorName: text(props.stream_connector) || undefined } : { url: text(props.stream_url) }),
            ...(name ? { name } : {}),
            ...(text(props.stream_track) ? { track: text(props.stream_track) } : {}),
          };
          const fork = siprec ? start.siprec(attributes) : start.stream(attributes);
          for (const [key, value] of keyValuePairs(props, 'stream_parameters')) fork.parameter({ name: key, value });
        }
        response.redirect(ctx.callbackUrl());
      })
    );
  },
  resume(event, ctx) {
    if (event.type === 'callEnded') return hungUp(ctx, event);
    return ctx.transition('next');
  },
});
