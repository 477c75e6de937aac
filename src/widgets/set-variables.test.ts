import { describe, expect, it } from 'vitest';
import { Harness, flowOf, widget } from '../../test/support/engine-harness.ts';

const counter = {
  key: 'retry_counter',
  type: 'string',
  value: '{% if flow.variables.retry_counter %}{{flow.variables.retry_counter | plus: 1}}{% else %}1{% endif %}',
};

describe('set-variables', () => {
  it('stores rendered values in flow.variables and widgets.<name>', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'set' },
      widget('set', 'set-variables', { variables: [{ key: 'greeting', value: 'Hi {{flow.data.name}}' }, { key: 'Case', value: 'kept' }] })));
    await harness.request({ name: 'Ada' });
    expect(harness.state?.context.flow.variables).toEqual({ greeting: 'Hi Ada', Case: 'kept' });
    expect(harness.state?.context.widgets.set).toEqual({ greeting: 'Hi Ada', Case: 'kept' });
    expect(harness.steps[1]).toMatchObject({ name: 'next', transitioned_to: 'Ended', context: { greeting: 'Hi Ada', Case: 'kept' } });
  });

  it('counts with the retry-counter idiom across a loop', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'count' },
      widget('count', 'set-variables', { variables: [counter] }, { next: 'check' }),
      widget('check', 'split-based-on', { input: '{{flow.variables.retry_counter}}' }, [
        { event: 'noMatch', next: 'count' },
        { event: 'match', conditions: [{ friendly_name: 'three', arguments: ['{{flow.variables.retry_counter}}'], type: 'equal_to', value: '3' }] },
      ])));
    await harness.request();
    expect(harness.state?.context.flow.variables.retry_counter).toBe('3');
    expect(harness.path).toEqual(['count', 'check', 'count', 'check', 'count', 'check', 'Ended']);
  });

  it('renders every value against the context from before the step', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'set' },
      widget('set', 'set-variables', { variables: [{ key: 'a', value: 'one' }, { key: 'b', value: '[{{flow.variables.a}}]' }] })));
    await harness.request();
    expect(harness.state?.context.flow.variables).toEqual({ a: 'one', b: '[]' });
  });

  it('parses json_object values, and keeps text that is not JSON', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'set' },
      widget('set', 'set-variables', { variables: [
        { key: 'data', type: 'json_object', value: '{{flow.data | to_json}}' },
        { key: 'broken', type: 'json_object', value: '{not json' },
      ] })));
    await harness.request({ n: 1, list: ['x'] });
    expect(harness.state?.context.flow.variables).toEqual({ data: { n: 1, list: ['x'] }, broken: '{not json' });
  });
});
