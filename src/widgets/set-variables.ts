import { nestsDeeperThan } from '../flow/json-depth.ts';
import { array, defineWidget } from './widget.ts';

interface VariableItem {
  key: string;
  value?: string;
  type?: string;
  parse_as_json?: boolean;
}

/**
 * Renders each `{key, value}` against the context as it was when the widget started ("variables
 * are set at the end of a step") and stores it in `flow.variables.<key>` and
 * `widgets.<name>.<key>`. A JSON-typed item is parsed; if it is not JSON it stays a string.
 */
export default defineWidget({
  type: 'set-variables',
  label: 'Set Variables',
  group: 'Flow Control',
  channel: 'any',
  events: ['next'],
  properties: {
    variables: array({ description: 'A list of {key, value, type?}: key is a literal name, value is Liquid.' }),
  },
  outputs: [],
  run(props, ctx) {
    const values: Record<string, unknown> = {};
    for (const item of (Array.isArray(props.variables) ? props.variables : []) as VariableItem[]) {
      if (!item || typeof item.key !== 'string' || item.key === '') continue;
      const text = ctx.render(String(item.value ?? ''));
      values[item.key] = item.type === 'json_object' || item.parse_as_json === true ? parseJson(text) : text;
    }
    return { kind: 'transition', event: 'next', output: values, variables: values };
  },
});

/** The JSON value of `text`, or the text itself when it is not JSON (or nests too deeply to store). */
function parseJson(text: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    return nestsDeeperThan(value) ? text : value;
  } catch {
    return text;
  }
}
