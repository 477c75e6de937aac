import { authorizationHeader, storedCredentials } from './session.ts';
import { parseServerSentEvents } from './server-sent-events.ts';
import type { CallEventJson, CallJson, ExecutionJson, MessageJson } from './types.ts';

/** The events `/emulator/v1/Events` sends, each with its resource's JSON. */
export interface StreamEvents {
  call: CallJson;
  'call-event': CallEventJson & { call_sid: string };
  message: MessageJson;
  execution: ExecutionJson;
}
type StreamEventName = keyof StreamEvents;
type Listener = (data: never) => void;

const listeners = new Map<StreamEventName, Set<Listener>>();
let connection: AbortController | undefined;

/**
 * Listens to the server's live event stream. One connection serves the whole app; it opens with
 * the first listener, closes with the last, and reconnects after a dropped connection.
 * EventSource cannot send the Basic credentials, so the stream is read with fetch.
 */
export function onStreamEvent<E extends StreamEventName>(event: E, listener: (data: StreamEvents[E]) => void): () => void {
  const set = listeners.get(event) ?? new Set<Listener>();
  listeners.set(event, set);
  set.add(listener);
  if (!connection) connect();
  return () => {
    set.delete(listener);
    if ([...listeners.values()].every((each) => each.size === 0)) {
      connection?.abort();
      connection = undefined;
    }
  };
}

function connect(): void {
  const controller = new AbortController();
  connection = controller;
  void readStream(controller).catch(() => undefined).finally(() => {
    if (connection === controller) setTimeout(() => connection === controller && connect(), 1000);
  });
}

async function readStream(controller: AbortController): Promise<void> {
  const credentials = storedCredentials();
  if (!credentials) return;
  const response = await fetch('/emulator/v1/Events', { headers: { authorization: authorizationHeader(credentials) }, signal: controller.signal });
  if (!response.ok || !response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { events, rest } = parseServerSentEvents(buffered + value);
    buffered = rest;
    for (const { event, data } of events) {
      for (const listener of listeners.get(event as StreamEventName) ?? []) listener(JSON.parse(data) as never);
    }
  }
}
