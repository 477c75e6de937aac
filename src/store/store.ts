import type {
  AccountRecord,
  ApiKeyRecord,
  ApplicationRecord,
  CallEvent,
  CallFilter,
  CallRecord,
  ConversationMessageRecord,
  ConversationParticipantRecord,
  ConversationRecord,
  ConversationWebhookRecord,
  ExecutionFilter,
  ExecutionRecord,
  FlowRecord,
  MessageFilter,
  MessageRecord,
  NumberRecord,
  Page,
  HandsetRecord,
  RecordingFilter,
  RecordingRecord,
  RevisionRecord,
  StepRecord,
  TwimlBinRecord,
} from './records.ts';

/**
 * Persistence behind one interface. Every implementation (SQLite now, PostgreSQL later) runs the
 * contract suite in test/store-contract.ts. Methods are async so that a networked database
 * fits; lists take an offset page and return items in a stable order.
 */
export interface Store {
  getAccount(sid: string): Promise<AccountRecord | undefined>;
  listAccounts(): Promise<AccountRecord[]>;
  putAccount(account: AccountRecord): Promise<void>;

  getFlow(sid: string): Promise<FlowRecord | undefined>;
  /** Newest first. */
  listFlows(accountSid: string, page: Page): Promise<FlowRecord[]>;
  /** Saves the flow and the revision it now shows, together. */
  saveFlow(flow: FlowRecord, revision: RevisionRecord): Promise<void>;
  /** Saves the flow's own fields (test users) without a new revision. */
  updateFlow(flow: FlowRecord): Promise<void>;
  /** Deletes the flow with its revisions, executions and steps. */
  deleteFlow(sid: string): Promise<boolean>;

  getRevision(flowSid: string, revision: number): Promise<RevisionRecord | undefined>;
  /** Newest first. */
  listRevisions(flowSid: string, page: Page): Promise<RevisionRecord[]>;

  getExecution(sid: string): Promise<ExecutionRecord | undefined>;
  findActiveExecution(flowSid: string, contactAddress: string): Promise<ExecutionRecord | undefined>;
  /** The active execution that is on this call (its `state.callSid`). */
  findActiveExecutionByCall(callSid: string): Promise<ExecutionRecord | undefined>;
  /** Newest first. */
  listExecutions(flowSid: string, filter: ExecutionFilter, page: Page): Promise<ExecutionRecord[]>;
  /** Active executions whose wait is due at or before `now`, soonest first. */
  listDueExecutions(now: string, limit: number): Promise<ExecutionRecord[]>;
  /** Writes an engine sprint: the execution and its new steps, in one transaction. */
  commitSprint(execution: ExecutionRecord, steps: StepRecord[]): Promise<void>;
  deleteExecution(sid: string): Promise<boolean>;

  getStep(executionSid: string, sid: string): Promise<StepRecord | undefined>;
  /** In the order they were taken. */
  listSteps(executionSid: string, page: Page): Promise<StepRecord[]>;

  getNumber(sid: string): Promise<NumberRecord | undefined>;
  findNumber(phoneNumber: string): Promise<NumberRecord | undefined>;
  /** Oldest first. */
  listNumbers(accountSid: string, filter: { phoneNumber?: string; friendlyName?: string }, page: Page): Promise<NumberRecord[]>;
  /** Inserts or replaces; fails with StoreConflict when another number has the phone number. */
  putNumber(number: NumberRecord): Promise<void>;
  deleteNumber(sid: string): Promise<boolean>;

  getMessage(sid: string): Promise<MessageRecord | undefined>;
  /** Newest first unless `oldestFirst`. */
  listMessages(filter: MessageFilter, page: Page, oldestFirst?: boolean): Promise<MessageRecord[]>;
  putMessage(message: MessageRecord): Promise<void>;
  deleteMessage(sid: string): Promise<boolean>;

  getApplication(sid: string): Promise<ApplicationRecord | undefined>;
  /** Oldest first. */
  listApplications(accountSid: string, filter: { friendlyName?: string }, page: Page): Promise<ApplicationRecord[]>;
  putApplication(application: ApplicationRecord): Promise<void>;
  deleteApplication(sid: string): Promise<boolean>;

  getBin(sid: string): Promise<TwimlBinRecord | undefined>;
  /** Oldest first. */
  listBins(accountSid: string, page: Page): Promise<TwimlBinRecord[]>;
  putBin(bin: TwimlBinRecord): Promise<void>;
  deleteBin(sid: string): Promise<boolean>;

  getCall(sid: string): Promise<CallRecord | undefined>;
  /** Newest first. */
  listCalls(filter: CallFilter, page: Page): Promise<CallRecord[]>;
  /** Inserts or updates; an update keeps the call's place in the order. */
  putCall(call: CallRecord): Promise<void>;
  /** Deletes the call with its events. */
  deleteCall(sid: string): Promise<boolean>;
  /** Adds events after the call's earlier ones. */
  appendCallEvents(callSid: string, events: CallEvent[]): Promise<void>;
  /** In the order they happened. */
  listCallEvents(callSid: string): Promise<CallEvent[]>;

  getRecording(sid: string): Promise<RecordingRecord | undefined>;
  /** Newest first. */
  listRecordings(filter: RecordingFilter, page: Page): Promise<RecordingRecord[]>;
  putRecording(recording: RecordingRecord): Promise<void>;
  deleteRecording(sid: string): Promise<boolean>;

  getApiKey(sid: string): Promise<ApiKeyRecord | undefined>;
  /** Oldest first. */
  listApiKeys(accountSid: string, page: Page): Promise<ApiKeyRecord[]>;
  putApiKey(key: ApiKeyRecord): Promise<void>;
  deleteApiKey(sid: string): Promise<boolean>;

  getHandset(address: string): Promise<HandsetRecord | undefined>;
  putHandset(handset: HandsetRecord): Promise<void>;

  getConversation(sid: string): Promise<ConversationRecord | undefined>;
  findConversationByUniqueName(accountSid: string, uniqueName: string): Promise<ConversationRecord | undefined>;
  /** Oldest first. */
  listConversations(accountSid: string, page: Page): Promise<ConversationRecord[]>;
  /** Inserts or updates; fails with StoreConflict when another conversation of the account has the unique name. */
  putConversation(conversation: ConversationRecord): Promise<void>;

  /** Oldest first. */
  listConversationParticipants(conversationSid: string, page: Page): Promise<ConversationParticipantRecord[]>;
  putConversationParticipant(participant: ConversationParticipantRecord): Promise<void>;

  /** Oldest first. */
  listConversationWebhooks(conversationSid: string, page: Page): Promise<ConversationWebhookRecord[]>;
  putConversationWebhook(webhook: ConversationWebhookRecord): Promise<void>;

  /** Adds a message after the conversation's others, with the next index (from 0), atomically. */
  appendConversationMessage(message: Omit<ConversationMessageRecord, 'index'>): Promise<ConversationMessageRecord>;
  /** By index, oldest first unless `newestFirst`. */
  listConversationMessages(conversationSid: string, page: Page, newestFirst?: boolean): Promise<ConversationMessageRecord[]>;

  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}

/** A write that breaks a uniqueness rule (a second active execution, a number bought twice). */
export class StoreConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConflict';
  }
}
