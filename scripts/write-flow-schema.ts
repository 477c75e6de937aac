/**
 * Writes schema/flow.schema.json, the JSON Schema shipped for flow files' `$schema`, from the
 * widget declarations. Run it (`npm run schema`) after changing a widget; a test fails until then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowJsonSchemaText } from '../src/flow/json-schema.ts';

const file = join(import.meta.dirname, '..', 'schema', 'flow.schema.json');
writeFileSync(file, flowJsonSchemaText());
console.log(`Wrote ${file}`);
