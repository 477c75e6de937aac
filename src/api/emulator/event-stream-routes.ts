import type { FastifyInstance } from 'fastify';
import type { VoiceNotice } from '../../carrier/emulator/voice/voice-network.ts';
import type { ConversationMessageRecord, ExecutionRecord, MessageRecord } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { conversationMessageJson } from '../conversations/conversation-resources.ts';
import { executionJson } from '../studio/studio-resources.ts';
import { callJson, messageJson } from '../twilio/twilio-resources.ts';

/**
 * Everything that happens on the emulated network, live, as server-sent events for the web app:
 * `call` (a call changed), `call-event` (a leg heard or did something), `message`,
 * `conversation-message` (a message posted in a conversation), and `execution` (a Studio
 * execution took steps or ended).
 */
export function registerEventStreamRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, voice, network, conversations, runtime } = context;
  // Streams never end by themselves; closing the server ends them.
  const open = new Set<{ end(): void }>();
  app.addHook('onClose', async () => {
    for (const stream of open) stream.end();
  });

  app.get('/emulator/v1/Events', async (request, reply) => {
    const account = await authenticate(request, store);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    raw.write(': connected\n\n');
    open.add(raw);
    const write = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onVoice = (notice: VoiceNotice) => {
      if (notice.accountSid !== account.sid) return;
      if (notice.call) write('call', callJson(notice.call));
      if (notice.event) write('call-event', { call_sid: notice.callSid, ...notice.event });
    };
    const onMessage = (message: MessageRecord) => {
      if (message.accountSid === account.sid) write('message', messageJson(message));
    };
    const onConversationMessage = (message: ConversationMessageRecord) => {
      if (message.accountSid === account.sid) write('conversation-message', conversationMessageJson(context.publicUrl, message));
    };
    const onExecution = (execution: ExecutionRecord) => {
      if (execution.accountSid === account.sid) write('execution', executionJson(context.publicUrl, execution));
    };
    voice.notices.on('notice', onVoice);
    network.notices.on('message', onMessage);
    conversations.notices.on('message', onConversationMessage);
    runtime.notices.on('execution', onExecution);
    request.raw.on('close', () => {
      open.delete(raw);
      voice.notices.off('notice', onVoice);
      network.notices.off('message', onMessage);
      conversations.notices.off('message', onConversationMessage);
      runtime.notices.off('execution', onExecution);
    });
  });
}
