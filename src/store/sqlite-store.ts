import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { SqliteCheckpointer } from './sqlite-checkpointer.ts';
import { StoreConflict, type Store } from './store.ts';

/**
 * The embedded store. Each table keeps the whole record as JSON in `data`, with the columns
 * that queries filter or sort on beside it, so new record fields need no migration.
 * Migrations are numbered; `PRAGMA user_version` says which have run.
 */
const migrations = [
  `CREATE TABLE accounts (sid TEXT PRIMARY KEY, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE TABLE flows (sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX flows_by_account ON flows (account_sid, date_created);
   CREATE TABLE revisions (flow_sid TEXT NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (flow_sid, revision));
   CREATE TABLE executions (
     sid TEXT PRIMARY KEY, flow_sid TEXT NOT NULL, contact_address TEXT NOT NULL, status TEXT NOT NULL,
     due_at TEXT, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE UNIQUE INDEX one_active_execution_per_contact ON executions (flow_sid, contact_address) WHERE status = 'active';
   CREATE INDEX executions_by_flow ON executions (flow_sid, date_created);
   CREATE INDEX executions_due ON executions (due_at) WHERE status = 'active' AND due_at IS NOT NULL;
   CREATE TABLE steps (execution_sid TEXT NOT NULL, position INTEGER NOT NULL, sid TEXT NOT NULL, data TEXT NOT NULL,
     PRIMARY KEY (execution_sid, position)) WITHOUT ROWID;
   CREATE TABLE numbers (sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, phone_number TEXT NOT NULL UNIQUE, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE TABLE messages (
     sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, sender TEXT NOT NULL, recipient TEXT NOT NULL,
     date_created TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL);
   CREATE INDEX messages_by_recipient ON messages (recipient, seq);
   CREATE INDEX messages_by_sender ON messages (sender, seq);
   CREATE INDEX messages_by_account ON messages (account_sid, seq);
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  `CREATE TABLE twiml_bins (sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX twiml_bins_by_account ON twiml_bins (account_sid, date_created);`,
  `CREATE TABLE applications (sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX applications_by_account ON applications (account_sid, date_created);`,
  // A column for the status, so that the messages still on their way are found without reading every row.
  `ALTER TABLE messages ADD COLUMN status TEXT NOT NULL DEFAULT '';
   UPDATE messages SET status = json_extract(data, '$.status');
   CREATE INDEX messages_by_status ON messages (status, seq);`,
  `CREATE TABLE calls (
     sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, parent_call_sid TEXT, caller TEXT NOT NULL, callee TEXT NOT NULL,
     status TEXT NOT NULL, start_time TEXT, seq INTEGER NOT NULL, data TEXT NOT NULL);
   CREATE INDEX calls_by_account ON calls (account_sid, seq);
   CREATE TABLE call_events (call_sid TEXT NOT NULL, position INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (call_sid, position)) WITHOUT ROWID;
   CREATE TABLE recordings (sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, call_sid TEXT NOT NULL, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX recordings_by_account ON recordings (account_sid, date_created);
   CREATE TABLE api_keys (sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE TABLE handsets (address TEXT PRIMARY KEY, data TEXT NOT NULL);`,
  // Voice executions: found by their call, and concurrent calls of one contact allowed (allow_concurrent_calls).
  `ALTER TABLE executions ADD COLUMN call_sid TEXT;
   ALTER TABLE executions ADD COLUMN concurrent INTEGER NOT NULL DEFAULT 0;
   DROP INDEX one_active_execution_per_contact;
   CREATE UNIQUE INDEX one_active_execution_per_contact ON executions (flow_sid, contact_address) WHERE status = 'active' AND concurrent = 0;
   CREATE INDEX executions_by_call ON executions (call_sid) WHERE status = 'active' AND call_sid IS NOT NULL;
   CREATE INDEX active_concurrent_calls ON executions (flow_sid, contact_address, date_created) WHERE status = 'active' AND concurrent = 1;`,
  // Conversations: lists keep the order things were added in (rowid), which upserts keep.
  `CREATE TABLE conversations (sid TEXT PRIMARY KEY, account_sid TEXT NOT NULL, unique_name TEXT, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX conversations_by_account ON conversations (account_sid, date_created);
   CREATE UNIQUE INDEX conversations_by_unique_name ON conversations (account_sid, unique_name) WHERE unique_name IS NOT NULL;
   CREATE TABLE conversation_participants (sid TEXT PRIMARY KEY, conversation_sid TEXT NOT NULL, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX conversation_participants_by_conversation ON conversation_participants (conversation_sid, date_created);
   CREATE TABLE conversation_webhooks (sid TEXT PRIMARY KEY, conversation_sid TEXT NOT NULL, date_created TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX conversation_webhooks_by_conversation ON conversation_webhooks (conversation_sid, date_created);
   CREATE TABLE conversation_messages (conversation_sid TEXT NOT NULL, position INTEGER NOT NULL, sid TEXT NOT NULL UNIQUE, data TEXT NOT NULL,
     PRIMARY KEY (conversation_sid, position)) WITHOUT ROWID;`,
];

type Row = { data: string };
const parse = <T>(row: Row | undefined): T | undefined => (row ? (JSON.parse(row.data) as T) : undefined);
const parseAll = <T>(rows: Row[]): T[] => rows.map((row) => JSON.parse(row.data) as T);

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements: ReturnType<SqliteStore['prepare']>;
  private messageSeq: number;
  private callSeq: number;
  private readonly checkpointer?: SqliteCheckpointer;
  /** listMessages' statements, one for each combination of filters used so far. */
  private readonly messageQueries = new Map<string, Database.Statement>();
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly flows = new Map<string, FlowRecord>();
  /** Numbers by SID and by phone number. */
  private readonly numbers = new Map<string, NumberRecord>();
  private pendingWrites: Array<{ operation: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }> = [];

  /** `path` is a file, or ':memory:' for a store that lives as long as the process. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    if (path !== ':memory:') {
      // A worker checkpoints, so this connection does not; should the worker stop, it takes over.
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
      this.checkpointer = new SqliteCheckpointer(path, () => {
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
    this.migrate();
    this.statements = this.prepare();
    this.messageSeq = (this.db.prepare('SELECT MAX(seq) AS seq FROM messages').get() as { seq: number | null }).seq ?? 0;
    this.callSeq = (this.db.prepare('SELECT MAX(seq) AS seq FROM calls').get() as { seq: number | null }).seq ?? 0;
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let index = version; index < migrations.length; index++) {
      this.db.transaction(() => {
        this.db.exec(migrations[index]);
        this.db.pragma(`user_version = ${index + 1}`);
      })();
    }
  }

  private prepare() {
    const db = this.db;
    return {
      getAccount: db.prepare('SELECT data FROM accounts WHERE sid = ?'),
      listAccounts: db.prepare('SELECT data FROM accounts ORDER BY date_created, sid'),
      putAccount: db.prepare('INSERT OR REPLACE INTO accounts (sid, date_created, data) VALUES (?, ?, ?)'),
      getFlow: db.prepare('SELECT data FROM flows WHERE sid = ?'),
      listFlows: db.prepare('SELECT data FROM flows WHERE account_sid = ? ORDER BY date_created DESC, sid DESC LIMIT ? OFFSET ?'),
      putFlow: db.prepare('INSERT OR REPLACE INTO flows (sid, account_sid, date_created, data) VALUES (?, ?, ?, ?)'),
      deleteFlow: db.prepare('DELETE FROM flows WHERE sid = ?'),
      deleteFlowRevisions: db.prepare('DELETE FROM revisions WHERE flow_sid = ?'),
      deleteFlowSteps: db.prepare('DELETE FROM steps WHERE execution_sid IN (SELECT sid FROM executions WHERE flow_sid = ?)'),
      deleteFlowExecutions: db.prepare('DELETE FROM executions WHERE flow_sid = ?'),
      getRevision: db.prepare('SELECT data FROM revisions WHERE flow_sid = ? AND revision = ?'),
      listRevisions: db.prepare('SELECT data FROM revisions WHERE flow_sid = ? ORDER BY revision DESC LIMIT ? OFFSET ?'),
      putRevision: db.prepare('INSERT OR REPLACE INTO revisions (flow_sid, revision, data) VALUES (?, ?, ?)'),
      getExecution: db.prepare('SELECT data FROM executions WHERE sid = ?'),
      // Two lookups, each served by its own partial index: the contact's one exclusive execution, else its latest concurrent call.
      findActiveExecution: db.prepare("SELECT data FROM executions WHERE flow_sid = ? AND contact_address = ? AND status = 'active' AND concurrent = 0"),
      findActiveConcurrentCall: db.prepare(
        "SELECT data FROM executions WHERE flow_sid = ? AND contact_address = ? AND status = 'active' AND concurrent = 1 ORDER BY date_created DESC LIMIT 1",
      ),
      findActiveExecutionByCall: db.prepare("SELECT data FROM executions WHERE call_sid = ? AND status = 'active' ORDER BY date_created DESC LIMIT 1"),
      listExecutions: db.prepare(
        `SELECT data FROM executions WHERE flow_sid = @flowSid
           AND (@status IS NULL OR status = @status)
           AND (@createdFrom IS NULL OR date_created >= @createdFrom)
           AND (@createdTo IS NULL OR date_created <= @createdTo)
         ORDER BY date_created DESC, sid DESC LIMIT @limit OFFSET @offset`,
      ),
      listDueExecutions: db.prepare("SELECT data FROM executions WHERE status = 'active' AND due_at IS NOT NULL AND due_at <= ? ORDER BY due_at LIMIT ?"),
      putExecution: db.prepare(
        // An upsert on the key, not INSERT OR REPLACE: REPLACE would resolve a clash with the
        // one-active-execution index by deleting the other execution instead of failing.
        `INSERT INTO executions (sid, flow_sid, contact_address, status, due_at, date_created, call_sid, concurrent, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET flow_sid = excluded.flow_sid, contact_address = excluded.contact_address,
           status = excluded.status, due_at = excluded.due_at, date_created = excluded.date_created, call_sid = excluded.call_sid,
           concurrent = excluded.concurrent, data = excluded.data`,
      ),
      deleteExecution: db.prepare('DELETE FROM executions WHERE sid = ?'),
      deleteExecutionSteps: db.prepare('DELETE FROM steps WHERE execution_sid = ?'),
      getStep: db.prepare('SELECT data FROM steps WHERE execution_sid = ? AND sid = ?'),
      listSteps: db.prepare('SELECT data FROM steps WHERE execution_sid = ? ORDER BY position LIMIT ? OFFSET ?'),
      putStep: db.prepare('INSERT OR REPLACE INTO steps (execution_sid, position, sid, data) VALUES (?, ?, ?, ?)'),
      getNumber: db.prepare('SELECT data FROM numbers WHERE sid = ?'),
      findNumber: db.prepare('SELECT data FROM numbers WHERE phone_number = ?'),
      listNumbers: db.prepare(
        `SELECT data FROM numbers WHERE account_sid = @accountSid
           AND (@phoneNumber IS NULL OR phone_number = @phoneNumber)
           AND (@friendlyName IS NULL OR json_extract(data, '$.friendlyName') = @friendlyName)
         ORDER BY date_created, sid LIMIT @limit OFFSET @offset`,
      ),
      // An upsert on the key, for the same reason: a clash on phone_number must fail, not delete the other number.
      putNumber: db.prepare(
        `INSERT INTO numbers (sid, account_sid, phone_number, date_created, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET account_sid = excluded.account_sid, phone_number = excluded.phone_number,
           date_created = excluded.date_created, data = excluded.data`,
      ),
      deleteNumber: db.prepare('DELETE FROM numbers WHERE sid = ?'),
      getMessage: db.prepare('SELECT data FROM messages WHERE sid = ?'),
      // An update keeps the message's place in the order (seq); only the status index moves.
      putMessage: db.prepare(
        `INSERT INTO messages (sid, account_sid, sender, recipient, date_created, seq, status, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET status = excluded.status, data = excluded.data`,
      ),
      deleteMessage: db.prepare('DELETE FROM messages WHERE sid = ?'),
      getApplication: db.prepare('SELECT data FROM applications WHERE sid = ?'),
      listApplications: db.prepare(
        `SELECT data FROM applications WHERE account_sid = @accountSid
           AND (@friendlyName IS NULL OR json_extract(data, '$.friendlyName') = @friendlyName)
         ORDER BY date_created, sid LIMIT @limit OFFSET @offset`,
      ),
      putApplication: db.prepare(
        'INSERT INTO applications (sid, account_sid, date_created, data) VALUES (?, ?, ?, ?) ON CONFLICT (sid) DO UPDATE SET data = excluded.data',
      ),
      deleteApplication: db.prepare('DELETE FROM applications WHERE sid = ?'),
      getBin: db.prepare('SELECT data FROM twiml_bins WHERE sid = ?'),
      listBins: db.prepare('SELECT data FROM twiml_bins WHERE account_sid = ? ORDER BY date_created, sid LIMIT ? OFFSET ?'),
      putBin: db.prepare(
        'INSERT INTO twiml_bins (sid, account_sid, date_created, data) VALUES (?, ?, ?, ?) ON CONFLICT (sid) DO UPDATE SET data = excluded.data',
      ),
      deleteBin: db.prepare('DELETE FROM twiml_bins WHERE sid = ?'),
      getCall: db.prepare('SELECT data FROM calls WHERE sid = ?'),
      listCalls: db.prepare(
        `SELECT data FROM calls WHERE (@accountSid IS NULL OR account_sid = @accountSid)
           AND (@to IS NULL OR callee = @to) AND (@from IS NULL OR caller = @from)
           AND (@parentCallSid IS NULL OR parent_call_sid = @parentCallSid) AND (@status IS NULL OR status = @status)
           AND (@startedAfter IS NULL OR start_time >= @startedAfter) AND (@startedBefore IS NULL OR start_time < @startedBefore)
           AND (@endedAfter IS NULL OR json_extract(data, '$.endTime') >= @endedAfter)
           AND (@endedBefore IS NULL OR json_extract(data, '$.endTime') < @endedBefore)
         ORDER BY seq DESC LIMIT @limit OFFSET @offset`,
      ),
      putCall: db.prepare(
        `INSERT INTO calls (sid, account_sid, parent_call_sid, caller, callee, status, start_time, seq, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET account_sid = excluded.account_sid, parent_call_sid = excluded.parent_call_sid, caller = excluded.caller,
           callee = excluded.callee, status = excluded.status, start_time = excluded.start_time, data = excluded.data`,
      ),
      deleteCall: db.prepare('DELETE FROM calls WHERE sid = ?'),
      deleteCallEvents: db.prepare('DELETE FROM call_events WHERE call_sid = ?'),
      // The next position comes from the key's index, so an append reads one row.
      appendCallEvent: db.prepare(
        'INSERT INTO call_events (call_sid, position, data) VALUES (@callSid, (SELECT COALESCE(MAX(position), -1) + 1 FROM call_events WHERE call_sid = @callSid), @data)',
      ),
      listCallEvents: db.prepare('SELECT data FROM call_events WHERE call_sid = ? ORDER BY position'),
      getRecording: db.prepare('SELECT data FROM recordings WHERE sid = ?'),
      listRecordings: db.prepare(
        `SELECT data FROM recordings WHERE account_sid = @accountSid AND (@callSid IS NULL OR call_sid = @callSid)
           AND (@createdAfter IS NULL OR date_created >= @createdAfter) AND (@createdBefore IS NULL OR date_created < @createdBefore)
         ORDER BY date_created DESC, sid DESC LIMIT @limit OFFSET @offset`,
      ),
      putRecording: db.prepare(
        `INSERT INTO recordings (sid, account_sid, call_sid, date_created, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET account_sid = excluded.account_sid, call_sid = excluded.call_sid, date_created = excluded.date_created, data = excluded.data`,
      ),
      deleteRecording: db.prepare('DELETE FROM recordings WHERE sid = ?'),
      getApiKey: db.prepare('SELECT data FROM api_keys WHERE sid = ?'),
      listApiKeys: db.prepare('SELECT data FROM api_keys WHERE account_sid = ? ORDER BY date_created, sid LIMIT ? OFFSET ?'),
      putApiKey: db.prepare(
        `INSERT INTO api_keys (sid, account_sid, date_created, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET account_sid = excluded.account_sid, date_created = excluded.date_created, data = excluded.data`,
      ),
      deleteApiKey: db.prepare('DELETE FROM api_keys WHERE sid = ?'),
      getConversation: db.prepare('SELECT data FROM conversations WHERE sid = ?'),
      findConversationByUniqueName: db.prepare('SELECT data FROM conversations WHERE account_sid = ? AND unique_name = ?'),
      listConversations: db.prepare('SELECT data FROM conversations WHERE account_sid = ? ORDER BY date_created, rowid LIMIT ? OFFSET ?'),
      // An upsert on the key: a clash on the unique name must fail, and the conversation keeps its place.
      putConversation: db.prepare(
        `INSERT INTO conversations (sid, account_sid, unique_name, date_created, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET unique_name = excluded.unique_name, data = excluded.data`,
      ),
      listConversationParticipants: db.prepare(
        'SELECT data FROM conversation_participants WHERE conversation_sid = ? ORDER BY date_created, rowid LIMIT ? OFFSET ?',
      ),
      putConversationParticipant: db.prepare(
        `INSERT INTO conversation_participants (sid, conversation_sid, date_created, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET data = excluded.data`,
      ),
      listConversationWebhooks: db.prepare('SELECT data FROM conversation_webhooks WHERE conversation_sid = ? ORDER BY date_created, rowid LIMIT ? OFFSET ?'),
      putConversationWebhook: db.prepare(
        `INSERT INTO conversation_webhooks (sid, conversation_sid, date_created, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (sid) DO UPDATE SET data = excluded.data`,
      ),
      nextConversationMessageIndex: db.prepare('SELECT COALESCE(MAX(position) + 1, 0) AS next FROM conversation_messages WHERE conversation_sid = ?'),
      insertConversationMessage: db.prepare('INSERT INTO conversation_messages (conversation_sid, position, sid, data) VALUES (?, ?, ?, ?)'),
      listConversationMessages: db.prepare('SELECT data FROM conversation_messages WHERE conversation_sid = ? ORDER BY position LIMIT ? OFFSET ?'),
      listConversationMessagesNewestFirst: db.prepare(
        'SELECT data FROM conversation_messages WHERE conversation_sid = ? ORDER BY position DESC LIMIT ? OFFSET ?',
      ),
      getHandset: db.prepare('SELECT data FROM handsets WHERE address = ?'),
      putHandset: db.prepare('INSERT OR REPLACE INTO handsets (address, data) VALUES (?, ?)'),
      getSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
      putSetting: db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)'),
    };
  }

  async getAccount(sid: string) {
    return this.cached(this.accounts, sid, () => parse<AccountRecord>(this.statements.getAccount.get(sid) as Row));
  }

  async listAccounts() {
    return parseAll<AccountRecord>(this.statements.listAccounts.all() as Row[]);
  }

  async putAccount(account: AccountRecord) {
    await this.write(() => {
      this.statements.putAccount.run(account.sid, account.dateCreated, JSON.stringify(account));
      this.accounts.clear();
    });
  }

  async getFlow(sid: string) {
    return this.cached(this.flows, sid, () => parse<FlowRecord>(this.statements.getFlow.get(sid) as Row));
  }

  async listFlows(accountSid: string, page: Page) {
    return parseAll<FlowRecord>(this.statements.listFlows.all(accountSid, page.limit, page.offset) as Row[]);
  }

  async saveFlow(flow: FlowRecord, revision: RevisionRecord) {
    await this.write(() => {
      this.writeFlow(flow);
      this.statements.putRevision.run(revision.flowSid, revision.revision, JSON.stringify(revision));
    });
  }

  async updateFlow(flow: FlowRecord) {
    await this.write(() => this.writeFlow(flow));
  }

  private writeFlow(flow: FlowRecord) {
    this.statements.putFlow.run(flow.sid, flow.accountSid, flow.dateCreated, JSON.stringify(flow));
    this.flows.clear();
  }

  async deleteFlow(sid: string) {
    return this.write(() => {
      this.flows.clear();
      this.statements.deleteFlowSteps.run(sid);
      this.statements.deleteFlowExecutions.run(sid);
      this.statements.deleteFlowRevisions.run(sid);
      return this.statements.deleteFlow.run(sid).changes > 0;
    });
  }

  async getRevision(flowSid: string, revision: number) {
    return parse<RevisionRecord>(this.statements.getRevision.get(flowSid, revision) as Row);
  }

  async listRevisions(flowSid: string, page: Page) {
    return parseAll<RevisionRecord>(this.statements.listRevisions.all(flowSid, page.limit, page.offset) as Row[]);
  }

  async getExecution(sid: string) {
    return parse<ExecutionRecord>(this.statements.getExecution.get(sid) as Row);
  }

  async findActiveExecution(flowSid: string, contactAddress: string) {
    const row = this.statements.findActiveExecution.get(flowSid, contactAddress) ?? this.statements.findActiveConcurrentCall.get(flowSid, contactAddress);
    return parse<ExecutionRecord>(row as Row);
  }

  async findActiveExecutionByCall(callSid: string) {
    return parse<ExecutionRecord>(this.statements.findActiveExecutionByCall.get(callSid) as Row);
  }

  async listExecutions(flowSid: string, filter: ExecutionFilter, page: Page) {
    const rows = this.statements.listExecutions.all({
      flowSid,
      status: filter.status ?? null,
      createdFrom: filter.createdFrom ?? null,
      createdTo: filter.createdTo ?? null,
      limit: page.limit,
      offset: page.offset,
    });
    return parseAll<ExecutionRecord>(rows as Row[]);
  }

  async listDueExecutions(now: string, limit: number) {
    return parseAll<ExecutionRecord>(this.statements.listDueExecutions.all(now, limit) as Row[]);
  }

  async commitSprint(execution: ExecutionRecord, steps: StepRecord[]) {
    await this.write(() => {
      this.unique(`${execution.contactAddress} already has an active execution of ${execution.flowSid}`, () =>
        this.statements.putExecution.run(
          execution.sid, execution.flowSid, execution.contactAddress, execution.status,
          execution.dueAt, execution.dateCreated, execution.state.callSid ?? null, execution.concurrentCall ? 1 : 0, JSON.stringify(execution),
        ),
      );
      for (const step of steps) this.statements.putStep.run(step.executionSid, step.index, step.step.sid, JSON.stringify(step));
    });
  }

  async deleteExecution(sid: string) {
    return this.write(() => {
      this.statements.deleteExecutionSteps.run(sid);
      return this.statements.deleteExecution.run(sid).changes > 0;
    });
  }

  async getStep(executionSid: string, sid: string) {
    return parse<StepRecord>(this.statements.getStep.get(executionSid, sid) as Row);
  }

  async listSteps(executionSid: string, page: Page) {
    return parseAll<StepRecord>(this.statements.listSteps.all(executionSid, page.limit, page.offset) as Row[]);
  }

  async getNumber(sid: string) {
    return this.cached(this.numbers, sid, () => parse<NumberRecord>(this.statements.getNumber.get(sid) as Row));
  }

  async findNumber(phoneNumber: string) {
    return this.cached(this.numbers, phoneNumber, () => parse<NumberRecord>(this.statements.findNumber.get(phoneNumber) as Row));
  }

  async listNumbers(accountSid: string, filter: { phoneNumber?: string; friendlyName?: string }, page: Page) {
    const rows = this.statements.listNumbers.all({
      accountSid,
      phoneNumber: filter.phoneNumber ?? null,
      friendlyName: filter.friendlyName ?? null,
      limit: page.limit,
      offset: page.offset,
    });
    return parseAll<NumberRecord>(rows as Row[]);
  }

  async putNumber(number: NumberRecord) {
    await this.write(() => {
      this.unique(`${number.phoneNumber} is already in use`, () =>
        this.statements.putNumber.run(number.sid, number.accountSid, number.phoneNumber, number.dateCreated, JSON.stringify(number)),
      );
      this.numbers.clear();
    });
  }

  async deleteNumber(sid: string) {
    return this.write(() => {
      this.numbers.clear();
      return this.statements.deleteNumber.run(sid).changes > 0;
    });
  }

  async getMessage(sid: string) {
    return parse<MessageRecord>(this.statements.getMessage.get(sid) as Row);
  }

  async listMessages(filter: MessageFilter, page: Page, oldestFirst = false) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (filter.accountSid) add('account_sid = ?', filter.accountSid);
    if (filter.to) add('recipient = ?', filter.to);
    if (filter.from) add('sender = ?', filter.from);
    if (filter.address) add('seq IN (SELECT seq FROM messages WHERE recipient = ? UNION SELECT seq FROM messages WHERE sender = ?)', filter.address, filter.address);
    if (filter.sentAfter) add("COALESCE(json_extract(data, '$.dateSent'), date_created) >= ?", filter.sentAfter);
    if (filter.sentBefore) add("COALESCE(json_extract(data, '$.dateSent'), date_created) < ?", filter.sentBefore);
    if (filter.statuses) add(`status IN (${filter.statuses.map(() => '?').join(', ') || 'NULL'})`, ...filter.statuses);
    const sql = `SELECT data FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY seq ${oldestFirst ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`;
    let query = this.messageQueries.get(sql);
    if (!query) this.messageQueries.set(sql, (query = this.db.prepare(sql)));
    return parseAll<MessageRecord>(query.all(...params, page.limit, page.offset) as Row[]);
  }

  async putMessage(message: MessageRecord) {
    // An update ignores the new seq, so the counter may skip numbers; only the order matters.
    const seq = ++this.messageSeq;
    await this.write(() =>
      this.statements.putMessage.run(message.sid, message.accountSid, message.from, message.to, message.dateCreated, seq, message.status, JSON.stringify(message)),
    );
  }

  async deleteMessage(sid: string) {
    return this.write(() => this.statements.deleteMessage.run(sid).changes > 0);
  }

  async getApplication(sid: string) {
    return parse<ApplicationRecord>(this.statements.getApplication.get(sid) as Row);
  }

  async listApplications(accountSid: string, filter: { friendlyName?: string }, page: Page) {
    const rows = this.statements.listApplications.all({ accountSid, friendlyName: filter.friendlyName ?? null, limit: page.limit, offset: page.offset });
    return parseAll<ApplicationRecord>(rows as Row[]);
  }

  async putApplication(application: ApplicationRecord) {
    await this.write(() => this.statements.putApplication.run(application.sid, application.accountSid, application.dateCreated, JSON.stringify(application)));
  }

  async deleteApplication(sid: string) {
    return this.write(() => this.statements.deleteApplication.run(sid).changes > 0);
  }

  async getBin(sid: string) {
    return parse<TwimlBinRecord>(this.statements.getBin.get(sid) as Row);
  }

  async listBins(accountSid: string, page: Page) {
    return parseAll<TwimlBinRecord>(this.statements.listBins.all(accountSid, page.limit, page.offset) as Row[]);
  }

  async putBin(bin: TwimlBinRecord) {
    await this.write(() => this.statements.putBin.run(bin.sid, bin.accountSid, bin.dateCreated, JSON.stringify(bin)));
  }

  async deleteBin(sid: string) {
    return this.write(() => this.statements.deleteBin.run(sid).changes > 0);
  }

  async getCall(sid: string) {
    return parse<CallRecord>(this.statements.getCall.get(sid) as Row);
  }

  async listCalls(filter: CallFilter, page: Page) {
    const rows = this.statements.listCalls.all({
      accountSid: filter.accountSid ?? null,
      to: filter.to ?? null,
      from: filter.from ?? null,
      parentCallSid: filter.parentCallSid ?? null,
      status: filter.status ?? null,
      startedAfter: filter.startedAfter ?? null,
      startedBefore: filter.startedBefore ?? null,
      endedAfter: filter.endedAfter ?? null,
      endedBefore: filter.endedBefore ?? null,
      limit: page.limit,
      offset: page.offset,
    });
    return parseAll<CallRecord>(rows as Row[]);
  }

  async putCall(call: CallRecord) {
    // An update ignores the new seq, so the counter may skip numbers; only the order matters.
    const seq = ++this.callSeq;
    await this.write(() =>
      this.statements.putCall.run(call.sid, call.accountSid, call.parentCallSid, call.from, call.to, call.status, call.startTime, seq, JSON.stringify(call)),
    );
  }

  async deleteCall(sid: string) {
    return this.write(() => {
      this.statements.deleteCallEvents.run(sid);
      return this.statements.deleteCall.run(sid).changes > 0;
    });
  }

  async appendCallEvents(callSid: string, events: CallEvent[]) {
    await this.write(() => {
      for (const event of events) this.statements.appendCallEvent.run({ callSid, data: JSON.stringify(event) });
    });
  }

  async listCallEvents(callSid: string) {
    return parseAll<CallEvent>(this.statements.listCallEvents.all(callSid) as Row[]);
  }

  async getRecording(sid: string) {
    return parse<RecordingRecord>(this.statements.getRecording.get(sid) as Row);
  }

  async listRecordings(filter: RecordingFilter, page: Page) {
    const rows = this.statements.listRecordings.all({
      accountSid: filter.accountSid,
      callSid: filter.callSid ?? null,
      createdAfter: filter.createdAfter ?? null,
      createdBefore: filter.createdBefore ?? null,
      limit: page.limit,
      offset: page.offset,
    });
    return parseAll<RecordingRecord>(rows as Row[]);
  }

  async putRecording(recording: RecordingRecord) {
    await this.write(() =>
      this.statements.putRecording.run(recording.sid, recording.accountSid, recording.callSid, recording.dateCreated, JSON.stringify(recording)),
    );
  }

  async deleteRecording(sid: string) {
    return this.write(() => this.statements.deleteRecording.run(sid).changes > 0);
  }

  async getApiKey(sid: string) {
    return parse<ApiKeyRecord>(this.statements.getApiKey.get(sid) as Row);
  }

  async listApiKeys(accountSid: string, page: Page) {
    return parseAll<ApiKeyRecord>(this.statements.listApiKeys.all(accountSid, page.limit, page.offset) as Row[]);
  }

  async putApiKey(key: ApiKeyRecord) {
    await this.write(() => this.statements.putApiKey.run(key.sid, key.accountSid, key.dateCreated, JSON.stringify(key)));
  }

  async deleteApiKey(sid: string) {
    return this.write(() => this.statements.deleteApiKey.run(sid).changes > 0);
  }

  async getHandset(address: string) {
    return parse<HandsetRecord>(this.statements.getHandset.get(address) as Row);
  }

  async putHandset(handset: HandsetRecord) {
    await this.write(() => this.statements.putHandset.run(handset.address, JSON.stringify(handset)));
  }

  async getConversation(sid: string) {
    return parse<ConversationRecord>(this.statements.getConversation.get(sid) as Row);
  }

  async findConversationByUniqueName(accountSid: string, uniqueName: string) {
    return parse<ConversationRecord>(this.statements.findConversationByUniqueName.get(accountSid, uniqueName) as Row);
  }

  async listConversations(accountSid: string, page: Page) {
    return parseAll<ConversationRecord>(this.statements.listConversations.all(accountSid, page.limit, page.offset) as Row[]);
  }

  async putConversation(conversation: ConversationRecord) {
    await this.write(() =>
      this.unique(`a conversation named ${conversation.uniqueName} already exists`, () =>
        this.statements.putConversation.run(conversation.sid, conversation.accountSid, conversation.uniqueName, conversation.dateCreated, JSON.stringify(conversation)),
      ),
    );
  }

  async listConversationParticipants(conversationSid: string, page: Page) {
    return parseAll<ConversationParticipantRecord>(this.statements.listConversationParticipants.all(conversationSid, page.limit, page.offset) as Row[]);
  }

  async putConversationParticipant(participant: ConversationParticipantRecord) {
    await this.write(() =>
      this.statements.putConversationParticipant.run(participant.sid, participant.conversationSid, participant.dateCreated, JSON.stringify(participant)),
    );
  }

  async listConversationWebhooks(conversationSid: string, page: Page) {
    return parseAll<ConversationWebhookRecord>(this.statements.listConversationWebhooks.all(conversationSid, page.limit, page.offset) as Row[]);
  }

  async putConversationWebhook(webhook: ConversationWebhookRecord) {
    await this.write(() => this.statements.putConversationWebhook.run(webhook.sid, webhook.conversationSid, webhook.dateCreated, JSON.stringify(webhook)));
  }

  async appendConversationMessage(message: Omit<ConversationMessageRecord, 'index'>) {
    // The index is read and used inside one write, so two appends never get the same one.
    return this.write(() => {
      const { next } = this.statements.nextConversationMessageIndex.get(message.conversationSid) as { next: number };
      const record: ConversationMessageRecord = { ...message, index: next };
      this.statements.insertConversationMessage.run(record.conversationSid, record.index, record.sid, JSON.stringify(record));
      return record;
    });
  }

  async listConversationMessages(conversationSid: string, page: Page, newestFirst = false) {
    const statement = newestFirst ? this.statements.listConversationMessagesNewestFirst : this.statements.listConversationMessages;
    return parseAll<ConversationMessageRecord>(statement.all(conversationSid, page.limit, page.offset) as Row[]);
  }

  async getSetting(key: string) {
    return (this.statements.getSetting.get(key) as { value: string } | undefined)?.value;
  }

  async putSetting(key: string, value: string) {
    await this.write(() => this.statements.putSetting.run(key, value));
  }

  async close() {
    if (!this.db.open) return;
    this.flush();
    await this.checkpointer?.stop();
    this.db.close();
  }

  /**
   * Accounts, flows and numbers are read on every webhook and rarely written, so they are kept
   * parsed (and frozen, so that no caller can change the shared copy). This store is the only
   * writer of its file, and every write to them empties their cache as it commits.
   */
  private cached<T extends object>(cache: Map<string, T>, key: string, read: () => T | undefined): T | undefined {
    const hit = cache.get(key);
    if (hit) return hit;
    const record = read();
    if (record) cache.set(key, deepFreeze(record));
    return record;
  }

  /** Runs `write`, turning a uniqueness violation into StoreConflict. */
  private unique<T>(conflict: string, write: () => T): T {
    try {
      return write();
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new StoreConflict(conflict);
      throw error;
    }
  }

  /**
   * Group commit: writes made in the same turn of the event loop share one transaction. A commit
   * is the costly part of a write, so under load this multiplies throughput; a write's promise
   * resolves once committed. A write that can fail on its own (a uniqueness rule) makes that
   * statement its first: SQLite undoes only the failing statement, so it fails alone and leaves
   * nothing behind, with no savepoint to pay for.
   */
  private write<T>(operation: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pendingWrites.push({ operation, resolve: resolve as (value: unknown) => void, reject });
      if (this.pendingWrites.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pendingWrites;
    if (batch.length === 0) return;
    this.pendingWrites = [];
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const { operation } of batch) {
          try {
            outcomes.push({ ok: true, value: operation() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    batch.forEach((write, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
