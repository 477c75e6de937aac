import { evaluateCondition, isConditionType } from './split-conditions.ts';
import { defineWidget, liquidString } from './widget.ts';

/** Takes the first `match` transition whose condition holds, in array order, else `noMatch`. */
export default defineWidget({
  type: 'split-based-on',
  label: 'Split Based On...',
  group: 'Flow Control',
  channel: 'any',
  events: ['noMatch', 'match'],
  properties: { input: liquidString({ required: true }) },
  outputs: [],
  run(props, ctx) {
    const input = String(props.input ?? '');
    for (const transition of ctx.state.transitions) {
      if (transition.event !== 'match') continue;
      // Studio writes one condition per match; with several, all must hold.
      const conditions = transition.conditions ?? [];
      const matched = conditions.length > 0 && conditions.every((condition) => {
        if (!isConditionType(condition.type)) return false;
        const subject = ctx.options.splitSubject === 'arguments' && typeof condition.arguments?.[0] === 'string'
          ? ctx.render(condition.arguments[0])
          : input;
        return evaluateCondition(condition.type, subject, ctx.render(String(condition.value ?? '')));
      });
      if (matched) return { kind: 'transition', event: 'match', transition };
    }
    return ctx.transition('noMatch');
  },
});
