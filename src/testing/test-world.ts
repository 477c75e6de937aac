import type { SidGenerator } from '../engine/services.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import type { FlowRecord } from '../store/records.ts';
import { seededSids } from '../runtime/sid-generator.ts';
import { throwawayServer, type RunningServer } from '../server/server.ts';
import { MockHttpClient } from './mock-http.ts';

/**
 * One in-process Switchboard (in memory, on the virtual clock, on loopback) that runs every test
 * of a `switchboard test` run, one after another. Starting a server per test would cost more
 * than most tests take; instead each test file's flow is published once, and each test gets its
 * own number and SIDs, the clock set back to its start, and leaves nothing behind it, not even
 * its executions (see FlowTestRun's cleanup).
 */
export class TestWorld {
  private constructor(
    readonly server: RunningServer,
    readonly http: MockHttpClient,
    private readonly sids: SwitchableSids,
  ) {}

  static async open(options: { allowNet: boolean }): Promise<TestWorld> {
    const http = new MockHttpClient(options.allowNet);
    const sids = new SwitchableSids();
    const server = await throwawayServer({ clock: 'virtual', httpClient: http, sids });
    return new TestWorld(server, http, sids);
  }

  /** SIDs from here on come from `seed`: a test's SIDs depend on the test alone, not on what ran before it. */
  seedSids(seed: number): void {
    this.sids.current = seededSids(seed);
  }

  /** Publishes a test file's flow, under SIDs seeded from the file, for all of its tests. */
  publishFlow(definition: FlowDefinition, name: string, identity: string): Promise<FlowRecord> {
    this.seedSids(seedOf(identity));
    const { context, account } = this.server;
    return context.flows.create(account.sid, { friendlyName: name, status: 'published', definition, commitMessage: 'switchboard test' });
  }

  async removeFlow(flow: FlowRecord): Promise<void> {
    await this.server.context.store.deleteFlow(flow.sid);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

class SwitchableSids implements SidGenerator {
  current: SidGenerator = seededSids(0);

  next(prefix: string): string {
    return this.current.next(prefix);
  }
}

/** A 32-bit seed from a test's identity (FNV-1a), so that its SIDs stay the same from run to run. */
export function seedOf(identity: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < identity.length; index++) {
    hash ^= identity.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
