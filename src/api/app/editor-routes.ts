import type { FastifyInstance } from 'fastify';
import { loadDefinition } from '../../flow/load-definition.ts';
import { widgetRegistry } from '../../widgets/registry.ts';
import { conditionTypes } from '../../widgets/split-conditions.ts';
import type { PropertySpec, WidgetDeclaration } from '../../widgets/widget.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { asParams, requiredString } from '../params.ts';

/** What the web editor asks the server beyond Studio's API (`/app/v1/…`). */
export function registerEditorRoutes(app: FastifyInstance, context: AppContext): void {
  /**
   * The widget declarations as JSON: the editor's palette, nodes and forms are drawn from the
   * same declarations the validator and the engine read, so a new widget needs no UI code.
   */
  app.get('/app/v1/WidgetTypes', async (request) => {
    await authenticate(request, context.store);
    return { widget_types: [...widgetRegistry.values()].map(widgetTypeJson) };
  });

  /** The split's condition types the engine evaluates, so the editor's rows offer exactly these. */
  app.get('/app/v1/ConditionTypes', async (request) => {
    await authenticate(request, context.store);
    return { condition_types: conditionTypes };
  });

  /**
   * Live validation while editing: Studio's Validate answers only errors, and only as a 400;
   * the editor wants the warnings too, and the v2 definition when a legacy one is imported.
   */
  app.post('/app/v1/FlowChecks', async (request) => {
    await authenticate(request, context.store);
    const { definition, legacy, result } = loadDefinition(requiredString(asParams(request.body), 'Definition'));
    return { valid: result.valid, legacy, definition: definition ?? null, errors: result.errors, warnings: result.warnings };
  });
}

export function widgetTypeJson(widget: WidgetDeclaration) {
  return {
    type: widget.type,
    label: widget.label,
    group: widget.group,
    channel: widget.channel,
    events: widget.events,
    properties: Object.fromEntries(Object.entries(widget.properties).map(([name, spec]) => [name, propertyJson(spec)])),
    outputs: widget.outputs,
    runs: widget.run !== undefined,
  };
}

function propertyJson(spec: PropertySpec) {
  return {
    types: spec.types,
    liquid: spec.liquid,
    required: spec.required,
    nullable: spec.nullable,
    default: spec.default ?? null,
    enum: spec.enum ?? null,
    key_value_items: spec.keyValueItems ?? false,
    description: spec.description ?? null,
  };
}
