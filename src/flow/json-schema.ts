import { conditionTypes } from '../widgets/split-conditions.ts';
import { widgetRegistry } from '../widgets/registry.ts';
import type { PropertySpec, WidgetDeclaration } from '../widgets/widget.ts';
import { maxStates } from './validate.ts';

/**
 * A JSON Schema (draft 2020-12) for v2 flow definitions, generated from the widget declarations
 * so that it never drifts from the validator. A flow file names it in `$schema` and editors then
 * complete each widget's properties and events: every widget type is an `if`/`then` on the
 * state's `type`. The schema checks shapes only; `switchboard validate` also checks targets,
 * duplicate names, Liquid and the rules that span properties.
 */

type Schema = Record<string, unknown>;

/** The generated schema, as `npm run schema` writes it to schema/flow.schema.json. */
export function flowJsonSchemaText(): string {
  return `${JSON.stringify(flowJsonSchema(), null, 2)}\n`;
}

export function flowJsonSchema(): Schema {
  const widgets = [...widgetRegistry.values()].sort((a, b) => (a.type < b.type ? -1 : 1));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Twilio Studio flow definition (v2)',
    description: 'A Studio flow as the Console exports it; generated from the widget declarations of Switchboard.',
    type: 'object',
    required: ['states', 'initial_state'],
    properties: {
      $schema: { type: 'string', description: 'Where this schema is, for editors.' },
      description: { type: 'string' },
      states: { type: 'array', minItems: 1, maxItems: maxStates, items: { $ref: '#/$defs/state' } },
      initial_state: { type: 'string', minLength: 1, description: 'The name of the trigger state.' },
      flags: {
        type: 'object',
        required: ['allow_concurrent_calls'],
        properties: { allow_concurrent_calls: { type: 'boolean', default: true } },
      },
    },
    $defs: {
      state: {
        type: 'object',
        required: ['name', 'type', 'transitions', 'properties'],
        properties: {
          name: { type: 'string', minLength: 1 },
          type: { enum: widgets.map((widget) => widget.type) },
          transitions: { type: 'array', items: { $ref: '#/$defs/transition' } },
          properties: { type: 'object' },
        },
        allOf: widgets.map((widget) => ({
          if: { properties: { type: { const: widget.type } }, required: ['type'] },
          then: { $ref: `#/$defs/${widget.type}` },
        })),
      },
      transition: {
        type: 'object',
        required: ['event'],
        properties: {
          next: { type: ['string', 'null'], description: 'The state to go to; absent, null or "" ends the execution.' },
          event: { type: 'string' },
          conditions: { type: 'array', items: { $ref: '#/$defs/condition' } },
        },
      },
      condition: {
        type: 'object',
        required: ['arguments', 'type', 'value'],
        properties: {
          friendly_name: { type: 'string' },
          arguments: { type: 'array', items: { type: 'string' } },
          type: { enum: [...conditionTypes] },
          value: { type: 'string' },
        },
      },
      offset: {
        type: 'object',
        description: 'Where the widget is on the canvas.',
        properties: { x: { type: 'number' }, y: { type: 'number' } },
      },
      ...Object.fromEntries(widgets.map((widget) => [widget.type, widgetSchema(widget)])),
    },
  };
}

/** One widget type: its events and its properties. */
function widgetSchema(widget: WidgetDeclaration): Schema {
  const required = Object.entries(widget.properties).filter(([, spec]) => spec.required).map(([key]) => key);
  return {
    title: widget.label,
    type: 'object',
    properties: {
      transitions: { type: 'array', items: { type: 'object', properties: { event: { enum: [...widget.events] } } } },
      properties: {
        type: 'object',
        ...(required.length > 0 ? { required } : {}),
        properties: {
          ...Object.fromEntries(Object.entries(widget.properties).map(([key, spec]) => [key, propertySchema(spec)])),
          offset: { $ref: '#/$defs/offset' },
        },
      },
    },
  };
}

/** A property's JSON types, as strict as the validator: an enum binds only values without Liquid. */
function propertySchema(spec: PropertySpec): Schema {
  const types = spec.nullable ? [...spec.types, 'null'] : [...spec.types];
  const schema: Schema = { type: types.length === 1 ? types[0] : types };
  if (spec.description) schema.description = spec.description;
  if (spec.default !== undefined) schema.default = spec.default;
  if (spec.enum) {
    const notString = spec.nullable || spec.types.some((type) => type !== 'string');
    schema.anyOf = [{ enum: [...spec.enum] }, { type: 'string', pattern: '\\{\\{' }, ...(notString ? [{ not: { type: 'string' } }] : [])];
  }
  if (spec.keyValueItems) {
    schema.items = { type: 'object', required: ['key'], properties: { key: { type: 'string' }, value: {} } };
  }
  return schema;
}
