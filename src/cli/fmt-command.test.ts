import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatDefinition } from '../flow/format-definition.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { fmtCommand } from './fmt-command.ts';

const flow = {
  initial_state: 'Trigger',
  description: 'hello',
  states: [
    { properties: { body: 'hi' }, transitions: [{ event: 'sent' }], type: 'send-message', name: 'reply' },
    { name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'reply' }] },
  ],
} as unknown as FlowDefinition;
const legacy = {
  description: 'old',
  states: [
    { sid: 'FF1', name: 'Trigger', type: 'trigger', properties: {}, transitions: [{ event: 'incomingMessage', next: 'FF2' }] },
    { sid: 'FF2', name: 'reply', type: 'send-message', properties: { body: 'hi' }, transitions: [] },
  ],
};

let dir: string;
let lines: string[];
const print = (line: string) => lines.push(line);
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-fmt-'));
  lines = [];
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('fmtCommand', () => {
  it('rewrites unformatted files in place and lists them, leaving formatted ones alone', async () => {
    const messy = await write('messy.json', JSON.stringify(flow));
    const tidy = await write('tidy.json', formatDefinition(flow));
    expect(await fmtCommand([messy, tidy], {}, print)).toBe(0);
    expect(lines).toEqual([`${messy}: formatted`]);
    expect(await readFile(messy, 'utf8')).toBe(formatDefinition(flow));
  });

  it('with --check writes nothing and exits 1 listing the unformatted files', async () => {
    const messy = await write('messy.json', JSON.stringify(flow));
    const tidy = await write('tidy.json', formatDefinition(flow));
    expect(await fmtCommand([messy, tidy], { check: true }, print)).toBe(1);
    expect(lines).toEqual([`${messy}: not formatted`]);
    expect(await readFile(messy, 'utf8')).toBe(JSON.stringify(flow));
    lines = [];
    expect(await fmtCommand([tidy], { check: true }, print)).toBe(0);
    expect(lines).toEqual([]);
  });

  it('leaves a legacy file alone unless --convert is given', async () => {
    const old = await write('old.json', JSON.stringify(legacy));
    expect(await fmtCommand([old], {}, print)).toBe(0);
    expect(lines).toEqual([`${old}: legacy format, left alone (--convert writes it in v2)`]);
    expect(await readFile(old, 'utf8')).toBe(JSON.stringify(legacy));
    lines = [];
    expect(await fmtCommand([old], { check: true }, print)).toBe(1);
    expect(await fmtCommand([old], { check: true, convert: true }, print)).toBe(1);
    expect(lines).toEqual([`${old}: legacy format (--convert writes it in v2)`, `${old}: legacy format, would be converted to v2`]);
    expect(await readFile(old, 'utf8')).toBe(JSON.stringify(legacy));

    lines = [];
    expect(await fmtCommand([old], { convert: true }, print)).toBe(0);
    expect(lines).toEqual([`${old}: converted to v2`]);
    const converted = JSON.parse(await readFile(old, 'utf8')) as FlowDefinition;
    expect(converted.initial_state).toBe('Trigger');
    expect(await fmtCommand([old], { check: true }, print)).toBe(0);
  });

  it('exits 2 naming each bad file, and writes no file at all', async () => {
    const messy = await write('messy.json', JSON.stringify(flow));
    const garbage = await write('garbage.json', '{"states": [1,');
    const notFlow = await write('not-flow.json', '{"hello": "world"}');
    const missing = join(dir, 'missing.json');
    expect(await fmtCommand([messy, garbage, notFlow, missing], {}, print)).toBe(2);
    expect(lines[0]).toMatch(new RegExp(`^${garbage}: JSON syntax error`));
    expect(lines[1]).toBe(`${notFlow}: the definition has no "states" array`);
    expect(lines[2]).toMatch(new RegExp(`^${missing}: cannot read the file: ENOENT`));
    expect(lines[3]).toBe('Nothing was written: 3 files are not a flow');
    expect(await readFile(messy, 'utf8')).toBe(JSON.stringify(flow));
  });
});
