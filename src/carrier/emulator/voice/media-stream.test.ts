import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { openMediaStream, type MediaStreamOptions } from './media-stream.ts';

type Message = Record<string, any>;

interface TestServer {
  url: string;
  /** Everything received, in order, once the client has closed. */
  received: Promise<Message[]>;
  connection: Promise<WebSocket>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function listen<T extends Server | WebSocketServer>(server: T, port: () => number): Promise<number> {
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return port();
}

async function mediaServer(): Promise<TestServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  const port = await listen(server, () => (server.address() as AddressInfo).port);
  const connection = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const received = connection.then(
    (socket) =>
      new Promise<Message[]>((resolve) => {
        const messages: Message[] = [];
        socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
        socket.on('close', () => resolve(messages));
      }),
  );
  return { url: `ws://127.0.0.1:${port}/stream`, received, connection };
}

function recordingLogger() {
  const warnings: { obj: Message; msg: string }[] = [];
  return { warnings, logger: { warn: (obj: object, msg: string) => warnings.push({ obj: obj as Message, msg }) } };
}

function options(url: string, overrides: Partial<MediaStreamOptions> = {}): MediaStreamOptions {
  return {
    url,
    accountSid: 'AC00000000000000000000000000000001',
    callSid: 'CA00000000000000000000000000000001',
    streamSid: 'MZ00000000000000000000000000000001',
    track: 'inbound_track',
    customParameters: {},
    ...overrides,
  };
}

describe('openMediaStream', () => {
  it("sends connected, start, media, dtmf and stop in Twilio's shapes and order", async () => {
    const server = await mediaServer();
    const { warnings, logger } = recordingLogger();
    const stream = openMediaStream(options(server.url, { customParameters: { FirstName: 'Jane' }, logger }));
    // All of this is queued: the socket is not open yet.
    stream.sendAudio('silence', 40);
    stream.sendDtmf('5');
    await stream.stop();
    const messages = await server.received;

    expect(messages).toEqual([
      { event: 'connected', protocol: 'Call', version: '1.0.0' },
      {
        event: 'start',
        sequenceNumber: '1',
        start: {
          accountSid: 'AC00000000000000000000000000000001',
          streamSid: 'MZ00000000000000000000000000000001',
          callSid: 'CA00000000000000000000000000000001',
          tracks: ['inbound'],
          customParameters: { FirstName: 'Jane' },
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
        streamSid: 'MZ00000000000000000000000000000001',
      },
      {
        event: 'media',
        sequenceNumber: '2',
        media: { track: 'inbound', chunk: '1', timestamp: '0', payload: expect.any(String) },
        streamSid: 'MZ00000000000000000000000000000001',
      },
      {
        event: 'media',
        sequenceNumber: '3',
        media: { track: 'inbound', chunk: '2', timestamp: '20', payload: expect.any(String) },
        streamSid: 'MZ00000000000000000000000000000001',
      },
      { event: 'dtmf', streamSid: 'MZ00000000000000000000000000000001', sequenceNumber: '4', dtmf: { track: 'inbound_track', digit: '5' } },
      {
        event: 'stop',
        sequenceNumber: '5',
        stop: { accountSid: 'AC00000000000000000000000000000001', callSid: 'CA00000000000000000000000000000001' },
        streamSid: 'MZ00000000000000000000000000000001',
      },
    ]);
    const silence = Buffer.from(messages[2].media.payload, 'base64');
    expect(silence).toEqual(Buffer.alloc(160, 0xff));
    expect(messages[2].media.payload).toBe(Buffer.alloc(160, 0xff).toString('base64'));
    expect(warnings).toEqual([]);
  });

  it('sends messages as they come once the socket is open', async () => {
    const server = await mediaServer();
    const stream = openMediaStream(options(server.url));
    const socket = await server.connection;
    // Once `start` has arrived the client's socket is open, so this goes straight out.
    await new Promise<void>((resolve) => socket.on('message', (data) => JSON.parse(data.toString()).event === 'start' && resolve()));
    stream.sendDtmf('#');
    await stream.stop();
    expect((await server.received).map((message) => [message.event, message.sequenceNumber])).toEqual([
      ['connected', undefined],
      ['start', '1'],
      ['dtmf', '2'],
      ['stop', '3'],
    ]);
  });

  it('counts chunks per track and time by the audio sent, not by the wall clock', async () => {
    const server = await mediaServer();
    const stream = openMediaStream(options(server.url, { track: 'both_tracks' }));
    stream.sendAudio('tone', 30);
    stream.sendAudio('tone', 10);
    stream.sendAudio('silence', 5);
    await stream.stop();
    const messages = await server.received;

    expect(messages[1].start.tracks).toEqual(['inbound', 'outbound']);
    const media = messages.filter((message) => message.event === 'media').map((message) => ({ sequenceNumber: message.sequenceNumber, ...message.media, payload: undefined }));
    expect(media).toEqual([
      { sequenceNumber: '2', track: 'inbound', chunk: '1', timestamp: '0', payload: undefined },
      { sequenceNumber: '3', track: 'outbound', chunk: '1', timestamp: '0', payload: undefined },
      { sequenceNumber: '4', track: 'inbound', chunk: '2', timestamp: '20', payload: undefined },
      { sequenceNumber: '5', track: 'outbound', chunk: '2', timestamp: '20', payload: undefined },
    ]);
    expect(messages.at(-1)).toMatchObject({ event: 'stop', sequenceNumber: '6' });
  });

  it('encodes the tone as a 440 Hz sine in μ-law', async () => {
    const server = await mediaServer();
    const stream = openMediaStream(options(server.url, { track: 'outbound_track' }));
    stream.sendAudio('tone', 20);
    await stream.stop();
    const [media] = (await server.received).filter((message) => message.event === 'media');
    expect(media.media.track).toBe('outbound');
    const bytes = Buffer.from(media.media.payload, 'base64');
    expect(bytes).toHaveLength(160);
    // The sine starts at zero (μ-law 0xFF); a 440 Hz wave crosses zero about 17 times in 20 ms.
    expect(bytes[0]).toBe(0xff);
    const positive = [...bytes].map((byte) => byte >= 0x80);
    const crossings = positive.filter((sign, index) => index > 0 && sign !== positive[index - 1]).length;
    expect(crossings).toBeGreaterThanOrEqual(16);
    expect(crossings).toBeLessThanOrEqual(18);
    // Loud enough to hear: the peaks are far from silence.
    expect(Math.min(...bytes.map((byte) => byte & 0x7f))).toBeLessThan(0x30);
  });

  it("passes on what the server sends back, and resolves closed when the server closes first", async () => {
    const server = await mediaServer();
    const { warnings, logger } = recordingLogger();
    const stream = openMediaStream(options(server.url, { logger }));
    const received: object[] = [];
    stream.onMessage((message) => received.push(message));
    const socket = await server.connection;
    socket.send(JSON.stringify({ event: 'mark', streamSid: 'MZ00000000000000000000000000000001', mark: { name: 'greeting' } }));
    socket.send('not json');
    socket.send(JSON.stringify({ event: 'clear', streamSid: 'MZ00000000000000000000000000000001' }));
    socket.close(1000);
    await stream.closed;

    expect(received).toEqual([
      { event: 'mark', streamSid: 'MZ00000000000000000000000000000001', mark: { name: 'greeting' } },
      { event: 'clear', streamSid: 'MZ00000000000000000000000000000001' },
    ]);
    expect(warnings.map((warning) => warning.obj.code)).toEqual([31924, 31921]);
    expect(warnings[1].msg).toBe('Stream - WebSocket - Close Error');
    // Nothing more goes out once closed, and stopping is harmless.
    stream.sendAudio('silence', 20);
    await stream.stop();
  });

  it('does not throw for a server that is not there, and says why', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    const port = await listen(probe, () => (probe.address() as AddressInfo).port);
    await cleanups.pop()!();
    const { warnings, logger } = recordingLogger();
    const stream = openMediaStream(options(`ws://127.0.0.1:${port}/`, { logger }));
    stream.sendAudio('silence', 20);
    await stream.closed;
    await stream.stop();
    expect(warnings).toEqual([{ obj: expect.objectContaining({ code: 31902 }), msg: 'Stream - WebSocket - Connection Refused' }]);
  });

  it('reports a server that does not upgrade as a handshake error', async () => {
    const http = createServer((_request, response) => response.writeHead(404).end());
    http.listen(0, '127.0.0.1');
    const port = await listen(http, () => (http.address() as AddressInfo).port);
    const { warnings, logger } = recordingLogger();
    await openMediaStream(options(`ws://127.0.0.1:${port}/`, { logger })).closed;
    expect(warnings).toEqual([{ obj: expect.objectContaining({ code: 31920, reason: 'HTTP 404 instead of 101' }), msg: 'Stream - WebSocket - Handshake Error' }]);
  });

  it('refuses URLs that are not ws: or wss: without throwing', async () => {
    for (const [url, code] of [
      ['http://127.0.0.1:1/', 31922],
      ['https://example.com/stream', 31922],
      ['not a url', 31923],
    ] as const) {
      const { warnings, logger } = recordingLogger();
      const stream = openMediaStream(options(url, { logger }));
      stream.sendDtmf('1');
      await stream.closed;
      await stream.stop();
      expect(warnings.map((warning) => warning.obj.code), url).toEqual([code]);
    }
  });
});
