import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../test/support/child-process.ts';
import { exampleAndReferenceFlowFiles } from '../../test/support/flow-files.ts';
import { isLegacyDefinition } from './legacy-import.ts';
import { flowJsonSchema, flowJsonSchemaText } from './json-schema.ts';
import { validateDefinition } from './validate.ts';

const shippedSchema = path.join(projectRoot, 'schema', 'flow.schema.json');
const v2Flows = exampleAndReferenceFlowFiles()
  .map((file) => ({ file: path.relative(projectRoot, file), definition: JSON.parse(readFileSync(file, 'utf8')) as unknown }))
  .filter(({ definition }) => !isLegacyDefinition(definition));

// ajv comes with fastify; it is used here only, to check the schema the way an editor reads it.
const validateAgainstSchema = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(flowJsonSchema());
const schemaErrors = (definition: unknown) => (validateAgainstSchema(definition) ? [] : validateAgainstSchema.errors!.map((error) => `${error.instancePath} ${error.message}`));

const flow = (state: Record<string, unknown>) => ({
  $schema: './node_modules/switchboard/schema/flow.schema.json',
  description: 'test',
  initial_state: 'Trigger',
  states: [
    { name: 'Trigger', type: 'trigger', properties: { offset: { x: 0, y: 0 } }, transitions: [{ next: 'reply', event: 'incomingMessage' }] },
    { name: 'reply', transitions: [{ event: 'sent' }], ...state },
  ],
});
const sendMessage = { type: 'send-message', properties: { body: 'Hello', to: '{{contact.channel.address}}' } };

describe('the flow JSON Schema', () => {
  it('is the shipped file (run `npm run schema` after changing a widget)', () => {
    expect(readFileSync(shippedSchema, 'utf8')).toBe(flowJsonSchemaText());
  });

  it.each(v2Flows.map(({ file, definition }) => [file, definition]))('accepts %s', (_file, definition) => {
    expect(schemaErrors(definition)).toEqual([]);
  });

  it('accepts a flow that names it in $schema, and so does the validator', () => {
    expect(schemaErrors(flow(sendMessage))).toEqual([]);
    expect(validateDefinition(flow(sendMessage)).errors).toEqual([]);
  });

  it.each([
    ['an unknown widget type', { ...sendMessage, type: 'send-pigeon' }, '/states/1/type must be equal to one of the allowed values'],
    ['a property of the wrong type', { ...sendMessage, properties: { body: 42 } }, '/states/1/properties/body must be string'],
    ['an event the widget does not have', { ...sendMessage, transitions: [{ event: 'incomingMessage' }] }, '/states/1/transitions/0/event must be equal to one of the allowed values'],
    ['a missing required property', { type: 'make-http-request', transitions: [{ event: 'success' }], properties: { method: 'GET' } }, "/states/1/properties must have required property 'url'"],
    ['a value outside an enum', { ...sendMessage, properties: { body: 'hi', message_type: 'carrier-pigeon' } }, '/states/1/properties/message_type must be equal to one of the allowed values'],
  ])('rejects %s', (_case, state, error) => {
    expect(schemaErrors(flow(state))).toContain(error);
  });

  it('lets Liquid stand for an enum value, as the validator does', () => {
    expect(schemaErrors(flow({ ...sendMessage, properties: { body: 'hi', message_type: '{{flow.data.kind}}' } }))).toEqual([]);
  });

  it('rejects what is not a flow', () => {
    for (const garbage of [null, [], 'flow', { states: [] }, { initial_state: 'Trigger', states: [{ name: 'Trigger' }] }]) {
      expect(schemaErrors(garbage)).not.toEqual([]);
    }
  });
});
