import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../src/store/sqlite-store.ts';
import type { Store } from '../src/store/store.ts';
import { flowRecord, messageRecord, revisionRecord, storeContract } from './store-contract.ts';

const scratch = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let files = 0;
const freshPath = () => join(scratch, `store-${++files}.db`);
const paths = new WeakMap<Store, string>();

function openFile(path: string): SqliteStore {
  const store = new SqliteStore(path);
  paths.set(store, path);
  return store;
}

storeContract('sqlite :memory:', async () => new SqliteStore(':memory:'));

storeContract(
  'sqlite file',
  async () => openFile(freshPath()),
  async (store) => {
    const path = paths.get(store);
    if (!path) throw new Error('reopen of a store this file did not open');
    await store.close();
    return openFile(path);
  },
);

describe('SqliteStore (SQLite specifics)', () => {
  const opened: Array<{ close(): unknown }> = [];
  const track = <T extends { close(): unknown }>(handle: T): T => {
    opened.push(handle);
    return handle;
  };
  afterEach(async () => {
    for (const handle of opened.splice(0).reverse()) await handle.close();
  });

  /** A second, read-only connection to the same file, to look at what the store wrote. */
  const peek = (path: string) => track(new Database(path, { readonly: true, fileMustExist: true }));
  const userVersion = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
  const schema = (db: Database.Database) =>
    db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

  const flow = flowRecord();
  const revision = revisionRecord(flow);
  const message = messageRecord();

  it('migrates a new file and records the migrations in PRAGMA user_version', () => {
    const path = freshPath();
    track(new SqliteStore(path));
    const db = peek(path);
    expect(userVersion(db)).toBeGreaterThanOrEqual(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'flows', 'revisions', 'executions', 'steps', 'numbers', 'messages', 'settings']));
  });

  it('reopening an existing file neither runs the migrations again nor loses data', async () => {
    const path = freshPath();
    const first = new SqliteStore(path);
    await first.saveFlow(flow, revision);
    await first.putMessage(message);
    await first.putSetting('webhook.secret', 'kept');
    await first.close();

    const before = peek(path);
    const versionBefore = userVersion(before);
    const schemaBefore = schema(before);
    before.close();

    // Running the first migration again would fail on CREATE TABLE, so this must not throw.
    const second = track(new SqliteStore(path));
    expect(await second.getFlow(flow.sid)).toStrictEqual(flow);
    expect(await second.getMessage(message.sid)).toStrictEqual(message);
    expect(await second.getSetting('webhook.secret')).toBe('kept');

    const after = peek(path);
    expect(userVersion(after)).toBe(versionBefore);
    expect(schema(after)).toStrictEqual(schemaBefore);
  });

  it('uses WAL journal mode', async () => {
    const path = freshPath();
    const store = track(new SqliteStore(path));
    await store.putSetting('probe', '1');
    expect(peek(path).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(existsSync(`${path}-wal`)).toBe(true);
  });

  it('lets a second connection read committed writes while the store is open', async () => {
    const path = freshPath();
    const store = track(new SqliteStore(path));
    const reader = peek(path);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM flows').get()).toStrictEqual({ n: 0 });
    await store.saveFlow(flow, revision);
    expect(reader.prepare('SELECT COUNT(*) AS n FROM flows').get()).toStrictEqual({ n: 1 });
  });

  it('creates the directory of a file path that does not exist yet', async () => {
    const path = join(scratch, 'nested', 'deeper', 'store.db');
    const store = track(new SqliteStore(path));
    await store.putSetting('probe', '1');
    expect(existsSync(path)).toBe(true);
  });
});
