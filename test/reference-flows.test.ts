import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../src/flow/load-definition.ts';

/**
 * The real exported flows in the shared reference folder (not part of the project; read from
 * beside it). They must load with no errors and serialise back to the same JSON.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const flowsDir = path.resolve(repoRoot, '../shared/reference/flows');
const flowFiles = existsSync(flowsDir) ? readdirSync(flowsDir).filter((file) => file.endsWith('.json')).sort() : [];

const legacyFile = '06-legacy-format-voicemail-sms.json';
const templatedFile = '02-messaging-with-parking.flex-project-template.json';

/** The file's text, with Terraform `${…}` placeholders filled in as a deployment would. */
function readFlow(file: string): string {
  return readFileSync(path.join(flowsDir, file), 'utf8').replace(/\$\{[^}]*\}/g, 'WW' + '0'.repeat(32));
}

describe.skipIf(!existsSync(flowsDir))('reference flows', () => {
  it('are all there, the legacy and the templated one included', () => {
    expect(flowFiles).toEqual(expect.arrayContaining([legacyFile, templatedFile]));
    expect(readFileSync(path.join(flowsDir, templatedFile), 'utf8')).toMatch(/\$\{[A-Z_]+\}/);
    expect(readFlow(templatedFile)).not.toMatch(/\$\{/);
  });

  describe.each(flowFiles.filter((file) => file !== legacyFile))('%s', (file) => {
    it('validates with zero errors', () => {
      const loaded = loadDefinition(readFlow(file));
      expect(loaded.result.errors).toEqual([]);
      expect(loaded.result.valid).toBe(true);
      expect(loaded.legacy).toBe(false);
    });

    it('round-trips unchanged, key and transition order included', () => {
      const text = readFlow(file);
      const { definition } = loadDefinition(text);
      expect(JSON.parse(JSON.stringify(definition))).toStrictEqual(JSON.parse(text));
      expect(JSON.stringify(definition)).toBe(JSON.stringify(JSON.parse(text)));
    });
  });

  describe(legacyFile, () => {
    it('is imported as legacy and validates with zero errors', () => {
      const loaded = loadDefinition(readFlow(legacyFile));
      expect(loaded.legacy).toBe(true);
      expect(loaded.result.errors).toEqual([]);
      expect(loaded.result.warnings[0]).toEqual({ property_path: '#', message: expect.stringContaining('legacy (pre-2019) Studio format') });
      expect(loaded.definition).toMatchObject({ initial_state: 'Trigger', flags: { allow_concurrent_calls: true } });
    });

    it('round-trips once converted, and reloads as the same v2 definition', () => {
      const { definition } = loadDefinition(readFlow(legacyFile));
      const serialised = JSON.stringify(definition);
      expect(JSON.parse(serialised)).toStrictEqual(definition);

      const reloaded = loadDefinition(serialised);
      expect(reloaded.legacy).toBe(false);
      expect(reloaded.result.errors).toEqual([]);
      expect(reloaded.result.warnings).not.toContainEqual(expect.objectContaining({ message: expect.stringContaining('legacy') }));
      expect(reloaded.definition).toStrictEqual(definition);
      expect(JSON.stringify(reloaded.definition)).toBe(serialised);
    });
  });
});
