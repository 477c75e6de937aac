import type { WidgetDeclaration } from './widget.ts';
import addMemberToChatChannel from './add-member-to-chat-channel.ts';
import addTwimlRedirect from './add-twiml-redirect.ts';
import capturePayments from './capture-payments.ts';
import connectCallTo from './connect-call-to.ts';
import connectVirtualAgent from './connect-virtual-agent.ts';
import connectVirtualAgentV2 from './connect-virtual-agent-v2.ts';
import createChatChannel from './create-chat-channel.ts';
import createTask from './create-task.ts';
import enqueueCall from './enqueue-call.ts';
import forkStream from './fork-stream.ts';
import gatherInputOnCall from './gather-input-on-call.ts';
import makeHttpRequest from './make-http-request.ts';
import makeOutgoingCallV1 from './make-outgoing-call-v1.ts';
import makeOutgoingCallV2 from './make-outgoing-call-v2.ts';
import recordCall from './record-call.ts';
import recordVoicemail from './record-voicemail.ts';
import resumeConversation from './resume-conversation.ts';
import runConversationRelay from './run-conversation-relay.ts';
import runFunction from './run-function.ts';
import runFunctionV2 from './run-function-v2.ts';
import runSubflow from './run-subflow.ts';
import sayPlay from './say-play.ts';
import sendAndWaitForReply from './send-and-wait-for-reply.ts';
import sendMessage from './send-message.ts';
import sendToAutoPilot from './send-to-auto-pilot.ts';
import sendToFlex from './send-to-flex.ts';
import setVariables from './set-variables.ts';
import splitBasedOn from './split-based-on.ts';
import startConversation from './start-conversation.ts';
import trigger from './trigger.ts';
import understand from './understand.ts';
import updateSyncObject from './update-sync-object.ts';

/** Every widget type Studio has, by its type string. Adding a widget means one line here. */
export const widgetRegistry: ReadonlyMap<string, WidgetDeclaration> = new Map(
  [
    trigger, sendMessage, sendAndWaitForReply, splitBasedOn, setVariables, makeHttpRequest, runFunction,
    sayPlay, gatherInputOnCall, connectCallTo, makeOutgoingCallV2, makeOutgoingCallV1, recordVoicemail,
    recordCall, enqueueCall, sendToFlex, addTwimlRedirect, capturePayments, forkStream, runSubflow,
    connectVirtualAgent, connectVirtualAgentV2, startConversation, resumeConversation, runConversationRelay,
    sendToAutoPilot, addMemberToChatChannel, createChatChannel, createTask, understand, updateSyncObject,
    runFunctionV2,
  ].map((widget) => [widget.type, widget]),
);

export function findWidget(type: string): WidgetDeclaration | undefined {
  return widgetRegistry.get(type);
}
