import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { VoiceNotice } from '../../carrier/emulator/voice/voice-network.ts';
import { verifyClientToken, type ClientGrant, type TokenKeys } from '../../carrier/tokens/client-token.ts';
import { describeError, SwitchboardError } from '../../errors.ts';
import type { AppContext } from '../app-context.ts';

type ClientMessage = { type?: unknown; callSid?: unknown; params?: unknown; digits?: unknown; text?: unknown; token?: unknown };

/**
 * Browser clients, as in seed 001: a WebSocket at /emulator/v1/Clients registers
 * `client:identity` with an Access Token (or a legacy Capability Token), passed as `?token=` or
 * in a first `{type: "register", token}` message. A registered client receives the calls dialed
 * to it (`incoming`, which it may `accept` or `reject`), places calls through its TwiML App
 * (`call`), keys `digits`, says `speech` and `hangup`s; it hears every event of its calls.
 */
export async function registerClientSocketRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { store, clock } = context;
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const keys: TokenKeys = {
    apiKey: (sid) => store.getApiKey(sid),
    authToken: async (sid) => (await store.getAccount(sid))?.authToken,
  };

  app.get<{ Querystring: { token?: string } }>('/emulator/v1/Clients', { websocket: true }, (socket, request) => {
    const send = (message: Record<string, unknown>) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const fail = (error: unknown) => {
      const code = error instanceof SwitchboardError ? error.code : 20101;
      send({ type: 'error', code, message: describeError(error) });
    };
    let session: ClientSession | undefined;
    const register = async (token: string) => {
      try {
        const grant = await verifyClientToken(token, keys, clock.now());
        session = new ClientSession(grant, context, send);
        send({ type: 'registered', identity: grant.identity, accountSid: grant.accountSid, incoming: grant.incomingAllow });
      } catch (error) {
        fail(error);
        socket.close(4401, 'token refused');
      }
    };
    const token = request.query.token;
    if (token) void register(token);
    socket.on('message', (data) => {
      let message: ClientMessage;
      try {
        message = JSON.parse(String(data)) as ClientMessage;
        if (typeof message !== 'object' || message === null) throw new Error('not an object');
      } catch {
        return fail(new SwitchboardError('invalidParameter', 'a client message is a JSON object with a "type"'));
      }
      if (!session) {
        if (message.type === 'register' && typeof message.token === 'string') return void register(message.token);
        return fail(new SwitchboardError('tokenInvalid', 'register with a token first'));
      }
      session.handle(message).catch(fail);
    });
    socket.on('close', () => session?.close());
  });
}

/** One registered client: what it may do, and the calls it is on. */
class ClientSession {
  private readonly address: string;
  private readonly disconnect?: () => void;
  private readonly listener: (notice: VoiceNotice) => void;

  constructor(
    private readonly grant: ClientGrant,
    private readonly context: AppContext,
    private readonly send: (message: Record<string, unknown>) => void,
  ) {
    this.address = `client:${grant.identity}`;
    if (grant.incomingAllow) this.disconnect = context.voice.connectClient({ identity: grant.identity, accountSid: grant.accountSid, send });
    this.listener = (notice) => {
      if (notice.accountSid !== grant.accountSid) return;
      const leg = context.voice.live(notice.callSid);
      const call = notice.call ?? leg?.record;
      if (!call || (call.from !== this.address && call.to !== this.address)) return;
      if (notice.event) send({ type: 'event', callSid: notice.callSid, event: notice.event });
      else send({ type: 'status', callSid: notice.callSid, status: call.status });
    };
    context.voice.notices.on('notice', this.listener);
  }

  async handle(message: ClientMessage): Promise<void> {
    const { voice, store } = this.context;
    const callSid = typeof message.callSid === 'string' ? message.callSid : '';
    const accountSid = this.grant.accountSid;
    switch (message.type) {
      case 'call': {
        if (!this.grant.outgoingApplicationSid) throw new SwitchboardError('tokenGrantsInvalid', 'this token has no outgoing grant');
        const account = await store.getAccount(accountSid);
        if (!account) throw new SwitchboardError('tokenIssuerInvalid');
        const params = typeof message.params === 'object' && message.params !== null ? stringValues(message.params as Record<string, unknown>) : {};
        const leg = await voice.callFromClient(account, this.grant.identity, this.grant.outgoingApplicationSid, { ...this.grant.outgoingParams, ...params });
        this.send({ type: 'call', callSid: leg.sid });
        return;
      }
      case 'accept':
      case 'reject':
        await voice.input(accountSid, callSid, 'answer', { answer: message.type });
        return;
      case 'digits':
        await voice.input(accountSid, callSid, 'digits', { digits: String(message.digits ?? '') });
        return;
      case 'speech':
        await voice.input(accountSid, callSid, 'speech', { speech: String(message.text ?? '') });
        return;
      case 'hangup':
        await voice.hangupFromHandset(accountSid, callSid);
        return;
      default:
        throw new SwitchboardError('invalidParameter', `unknown message type "${String(message.type)}"; use call, accept, reject, digits, speech or hangup`);
    }
  }

  close(): void {
    this.disconnect?.();
    this.context.voice.notices.off('notice', this.listener);
  }
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, String(value)]));
}
