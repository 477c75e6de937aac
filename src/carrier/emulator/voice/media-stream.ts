import WebSocket from 'ws';
import { describeError } from '../../../errors.ts';

/**
 * The carrier's side of a Media Stream (`<Start><Stream>`, `<Connect><Stream>`): a WebSocket
 * client that sends the call's audio to the app's server in Twilio's messages. It keeps no clock:
 * the interpreter says how much audio passed, and timestamps count that audio.
 */

export type StreamTrack = 'inbound_track' | 'outbound_track' | 'both_tracks';

export interface MediaStreamOptions {
  url: string;
  accountSid: string;
  callSid: string;
  streamSid: string;
  track: StreamTrack;
  customParameters: Record<string, string>;
  logger?: { warn(obj: object, msg: string): void };
}

export interface MediaStream {
  /** Audio on every streamed track, in 20 ms frames; a remainder under 20 ms waits for the next call. */
  sendAudio(kind: 'silence' | 'tone', milliseconds: number): void;
  sendDtmf(digit: string): void;
  /** Sends `stop`, then closes; resolves once closed. */
  stop(): Promise<void>;
  /** Resolves when the connection ends, however it ends; never rejects. */
  closed: Promise<void>;
  /** What the app's server sends back (media, mark and clear on a bidirectional stream). */
  onMessage(listener: (message: object) => void): void;
}

const sampleRate = 8000;
const frameMs = 20;
const frameSamples = (sampleRate * frameMs) / 1000;
const toneHz = 440;
/** About -12 dBFS: clearly audible, nowhere near clipping. */
const toneAmplitude = 8000;

/** G.711 μ-law of one 16-bit linear sample. */
function mulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(Math.round(sample)), 32635) + 0x84;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** One frame; the tone's phase runs on from `firstSample` so frames join without clicks. */
function frame(kind: 'silence' | 'tone', firstSample: number): Buffer {
  const bytes = Buffer.alloc(frameSamples, 0xff);
  if (kind === 'tone') {
    for (let index = 0; index < frameSamples; index++) {
      bytes[index] = mulaw(toneAmplitude * Math.sin((2 * Math.PI * toneHz * (firstSample + index)) / sampleRate));
    }
  }
  return bytes;
}

interface Failure {
  code: number;
  message: string;
  reason?: string;
}

/** Twilio's Stream error for a connection that failed before it opened. */
function connectFailure(error: unknown): Failure {
  const code = (error as { code?: unknown }).code;
  const reason = describeError(error);
  if (code === 'ECONNREFUSED') return { code: 31902, message: 'Stream - WebSocket - Connection Refused', reason };
  if (typeof code === 'string' && /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) {
    return { code: 31910, message: 'Stream - WebSocket - SSL Protocol Error', reason };
  }
  return { code: 31901, message: 'Stream - WebSocket - Connection Timeout', reason };
}

export function openMediaStream(options: MediaStreamOptions): MediaStream {
  const logger = options.logger ?? { warn: () => {} };
  const { streamSid } = options;
  const tracks = options.track === 'both_tracks' ? ['inbound', 'outbound'] : [options.track === 'outbound_track' ? 'outbound' : 'inbound'];
  const listeners: ((message: object) => void)[] = [];
  const chunks = new Map(tracks.map((track) => [track, 0]));
  let sequenceNumber = 0;
  let sentSamples = 0;
  let pendingMs = 0;
  let stopping = false;
  let wasOpen = false;
  let ended = false;
  let failure: Failure | undefined;
  let endStream!: () => void;
  const closed = new Promise<void>((resolve) => (endStream = resolve));

  // Until the socket opens, messages wait here; `connected` and `start` are always first.
  const queue: object[] = [
    { event: 'connected', protocol: 'Call', version: '1.0.0' },
    {
      event: 'start',
      sequenceNumber: String(++sequenceNumber),
      start: {
        accountSid: options.accountSid,
        streamSid,
        callSid: options.callSid,
        tracks,
        customParameters: options.customParameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate, channels: 1 },
      },
      streamSid,
    },
  ];

  const end = () => {
    if (ended) return;
    ended = true;
    if (failure) logger.warn({ code: failure.code, url: options.url, streamSid, reason: failure.reason }, failure.message);
    endStream();
  };

  const socket = connect();

  function connect(): WebSocket | undefined {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      failure = { code: 31923, message: 'Stream - WebSocket - Malformed URL', reason: `"${options.url}" is not a URL` };
      end();
      return undefined;
    }
    if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
      failure = { code: 31922, message: 'Stream - WebSocket - URL Schema Not Supported', reason: `${url.protocol} is not ws: or wss:` };
      end();
      return undefined;
    }
    let client: WebSocket;
    try {
      client = new WebSocket(url);
    } catch (error) {
      failure = { code: 31923, message: 'Stream - WebSocket - Malformed URL', reason: describeError(error) };
      end();
      return undefined;
    }
    client.on('unexpected-response', (_request, response) => {
      failure = { code: 31920, message: 'Stream - WebSocket - Handshake Error', reason: `HTTP ${response.statusCode} instead of 101` };
      client.terminate();
    });
    client.on('open', () => {
      wasOpen = true;
      for (const message of queue.splice(0)) client.send(JSON.stringify(message));
      if (stopping) client.close(1000);
    });
    client.on('message', (data, isBinary) => {
      let message: unknown;
      try {
        message = isBinary ? undefined : JSON.parse(data.toString());
      } catch {
        message = undefined;
      }
      if (message === null || typeof message !== 'object') {
        logger.warn({ code: 31924, url: options.url, streamSid }, 'Stream - Websocket - Protocol Error: a message that is not a JSON object was ignored');
        return;
      }
      for (const listener of listeners) listener(message);
    });
    client.on('error', (error) => {
      // Before the handshake the connection failed; after it, it broke.
      failure ??= wasOpen ? { code: 31903, message: 'Stream - WebSocket - Connection Broken Pipe', reason: describeError(error) } : connectFailure(error);
    });
    client.on('close', (code, reason) => {
      if (!stopping) failure ??= { code: 31921, message: 'Stream - WebSocket - Close Error', reason: `the server closed the stream (${code}${reason.length ? ` ${reason.toString()}` : ''})` };
      end();
    });
    return client;
  }

  function send(message: object): void {
    if (ended || stopping) return;
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    else queue.push(message);
  }

  return {
    sendAudio(kind, milliseconds) {
      if (ended || stopping || !(milliseconds > 0)) return;
      pendingMs += milliseconds;
      for (; pendingMs >= frameMs; pendingMs -= frameMs) {
        const payload = frame(kind, sentSamples).toString('base64');
        const timestamp = String((sentSamples * 1000) / sampleRate);
        for (const track of tracks) {
          const chunk = chunks.get(track)! + 1;
          chunks.set(track, chunk);
          send({ event: 'media', sequenceNumber: String(++sequenceNumber), media: { track, chunk: String(chunk), timestamp, payload }, streamSid });
        }
        sentSamples += frameSamples;
      }
    },
    sendDtmf(digit) {
      if (ended || stopping) return;
      send({ event: 'dtmf', streamSid, sequenceNumber: String(++sequenceNumber), dtmf: { track: 'inbound_track', digit } });
    },
    stop() {
      if (!ended && !stopping) {
        send({ event: 'stop', sequenceNumber: String(++sequenceNumber), stop: { accountSid: options.accountSid, callSid: options.callSid }, streamSid });
        stopping = true;
        // Still connecting: the open handler sends the queue, `stop` last, then closes.
        if (socket?.readyState === WebSocket.OPEN) socket.close(1000);
      }
      return closed;
    },
    closed,
    onMessage(listener) {
      listeners.push(listener);
    },
  };
}
