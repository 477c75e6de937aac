import { mkdir, writeFile } from 'node:fs/promises';
import { describeError } from '../errors.ts';
import { dirname, relative, resolve } from 'node:path';
import type { HttpClient } from '../engine/services.ts';
import type { Channel, HttpMock, Turn } from './flow-test.ts';
import { recordingHttpClient } from './recording-http-client.ts';
import { flowTestYaml } from './write-flow-test.ts';

export interface SessionSettings {
  /** The flow file, as given on the command line. */
  flowFile: string;
  channel: Channel;
  contact: string;
  number: string;
  parameters?: Record<string, unknown>;
}

/** `switchboard chat --record`: the turns and HTTP of one session, saved as a flow test file. */
export class SessionRecording {
  private readonly turns: Turn[] = [];
  private readonly mocks: HttpMock[] = [];

  constructor(
    readonly file: string,
    private readonly settings: SessionSettings,
  ) {}

  add(turn: Turn): void {
    this.turns.push(turn);
  }

  /** The flow's HTTP client, with each exchange kept as a mock. */
  http(client: HttpClient): HttpClient {
    return recordingHttpClient(client, this.mocks);
  }

  /**
   * Writes the file (and its folder), ending the test with the widgets the execution entered and
   * whether it ended. Returns the line to print: that it was recorded, or why it could not be.
   */
  async save(name: string, path: string[], ended: boolean): Promise<{ written: boolean; report: string }> {
    const { flowFile, channel, contact, number, parameters } = this.settings;
    const turns: Turn[] = [...this.turns, { expect: { path, ended } }];
    const folder = dirname(resolve(this.file));
    const flow = relative(folder, resolve(flowFile)).split('\\').join('/');
    try {
      await mkdir(folder, { recursive: true });
      await writeFile(this.file, flowTestYaml({ flow, channel, contact, number, parameters, mocks: this.mocks, tests: [{ name, turns }] }));
      return { written: true, report: `Recorded ${this.file}` };
    } catch (error) {
      return { written: false, report: `Cannot write ${this.file}: ${describeError(error)}` };
    }
  }
}
