import { defineWidget, keyValueList, liquidString, plainString } from './widget.ts';

/** Starts or stops streaming the call's audio to a WebSocket or a SIPREC connector. */
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
});
