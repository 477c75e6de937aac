import { SwitchboardError } from '../errors.ts';
import type { FlowDefinition, FlowState } from '../flow/definition.ts';
import { validateDefinition } from '../flow/validate.ts';

/** A validated definition with its states indexed by name, ready for the engine. */
export interface CompiledFlow {
  sid: string;
  definition: FlowDefinition;
  states: ReadonlyMap<string, FlowState>;
}

/** Throws 81022 naming the problems when the definition is not valid. */
export function compileFlow(definition: FlowDefinition, sid: string): CompiledFlow {
  const { valid, errors } = validateDefinition(definition);
  if (!valid) {
    const reasons = errors.slice(0, 5).map((error) => `${error.property_path}: ${error.message}`);
    throw new SwitchboardError('definitionInvalid', reasons.join('; '), { errors });
  }
  return { sid, definition, states: new Map(definition.states.map((state) => [state.name, state])) };
}
