import { elementsOf, textOf, type TwimlElement } from '../../../../twiml/twiml-node.ts';
import { openMediaStream, type StreamTrack } from '../media-stream.ts';
import type { VerbContext, VerbRunner } from './verb.ts';

/**
 * <Start>, <Stop> and <Connect>. A <Stream> opens a Media Streams WebSocket to its URL: under
 * <Start> the call goes on at once; under <Connect> it waits until the far side closes the
 * socket. The other forks (<Recording>, <Transcription>, <Siprec>) and the other <Connect>
 * nouns are heard as events and otherwise not emulated.
 */
export const start: VerbRunner = async (element, context) => {
  for (const noun of elementsOf(element)) {
    if (noun.name === 'Stream') openStream(noun, context);
    else context.leg.hear('fork-started', { noun: noun.name, name: noun.attributes.name ?? null });
  }
};

export const stop: VerbRunner = async (element, { leg }) => {
  for (const noun of elementsOf(element)) {
    const name = noun.attributes.name;
    for (const [streamName, stream] of leg.streams) {
      if (name && name !== streamName) continue;
      await stream.stop();
      leg.streams.delete(streamName);
      leg.hear('stream-stopped', { name: streamName });
    }
  }
};

export const connect: VerbRunner = async (element, context) => {
  const { leg } = context;
  const stream = elementsOf(element).find((noun) => noun.name === 'Stream');
  if (stream) {
    const opened = openStream(stream, context);
    // Input during a bidirectional stream goes to the far side as DTMF.
    await leg.park<void>('stream', ['digits'], (finish) => {
      void opened.closed.then(() => finish());
      return { onInput: (input) => [...(input.digits ?? '')].forEach((digit) => opened.sendDtmf(digit)) };
    });
    leg.streams.delete(streamName(stream, leg.sid));
    leg.hear('stream-closed', { url: stream.attributes.url });
  } else {
    for (const noun of elementsOf(element)) leg.hear('connect', { noun: noun.name, supported: false });
  }
  const action = element.attributes.action ? context.action(element, false, {}) : undefined;
  return action ? { transfer: action } : undefined;
};

function streamName(noun: TwimlElement, fallback: string): string {
  return noun.attributes.name ?? fallback;
}

function openStream(noun: TwimlElement, context: VerbContext) {
  const { leg, network } = context;
  const url = noun.attributes.url ?? '';
  const streamSid = network.sids.next('MZ');
  const parameters = Object.fromEntries(
    elementsOf(noun)
      .filter((child) => child.name === 'Parameter')
      .map((child) => [child.attributes.name ?? '', child.attributes.value ?? textOf(child)]),
  );
  const stream = openMediaStream({
    url,
    accountSid: leg.account.sid,
    callSid: leg.sid,
    streamSid,
    track: (noun.attributes.track as StreamTrack | undefined) ?? 'inbound_track',
    customParameters: parameters,
    logger: network.logger,
  });
  // A moment of the caller's line, so that the far side sees media flow.
  stream.sendAudio('silence', 100);
  leg.streams.set(streamName(noun, streamSid), stream);
  leg.hear('stream-started', { url, streamSid, name: noun.attributes.name ?? null });
  return stream;
}
