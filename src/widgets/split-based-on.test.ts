import { describe, expect, it } from 'vitest';
import { Harness, flowOf, widget } from '../../test/support/engine-harness.ts';
import type { Transition } from '../flow/definition.ts';

const match = (type: string, value: string, next: string, argument = '{{flow.data.answer}}'): Transition => ({
  event: 'match',
  next,
  conditions: [{ friendly_name: `If value ${type} ${value}`, arguments: [argument], type, value }],
});
const end = (name: string) => widget(name, 'set-variables', { variables: [{ key: 'went', value: name }] });

function splitFlow(transitions: Transition[]) {
  return flowOf({ incomingRequest: 'split' },
    widget('split', 'split-based-on', { input: '{{flow.data.answer}}' }, transitions),
    end('first'), end('second'), end('other'));
}

async function route(transitions: Transition[], answer: unknown, options = {}) {
  const harness = new Harness(splitFlow(transitions), { options });
  await harness.request({ answer });
  return harness;
}

describe('split-based-on', () => {
  it('takes the first match in array order', async () => {
    const harness = await route([{ event: 'noMatch', next: 'other' }, match('contains', 'yes', 'first'), match('starts_with', 'y', 'second')], 'Yes please');
    expect(harness.state?.context.flow.variables.went).toBe('first');
    expect(harness.steps[1]).toMatchObject({ name: 'match', transitioned_from: 'split', transitioned_to: 'first', type: 'split-based-on' });
  });

  it('takes a later match when the earlier ones fail', async () => {
    const harness = await route([{ event: 'noMatch', next: 'other' }, match('equal_to', 'no', 'first'), match('starts_with', 'y', 'second')], ' YEP ');
    expect(harness.state?.context.flow.variables.went).toBe('second');
  });

  it('takes noMatch when nothing matches', async () => {
    const harness = await route([{ event: 'noMatch', next: 'other' }, match('equal_to', 'yes', 'first')], 'maybe');
    expect(harness.state?.context.flow.variables.went).toBe('other');
    expect(harness.steps[1]).toMatchObject({ name: 'noMatch', transitioned_to: 'other' });
  });

  it('ends the execution when noMatch leads nowhere', async () => {
    const harness = await route([{ event: 'noMatch' }, match('equal_to', 'yes', 'first')], 'maybe');
    expect(harness.state?.status).toBe('ended');
    expect(harness.state?.ended?.reason).toBe('FLOW_END');
    expect(harness.steps[1]).toMatchObject({ name: 'noMatch', transitioned_to: 'Ended' });
  });

  it('compares numbers as numbers', async () => {
    const harness = await route([{ event: 'noMatch', next: 'other' }, match('greater_than', '9', 'first')], 10);
    expect(harness.state?.context.flow.variables.went).toBe('first');
  });

  it('renders Liquid in the condition value', async () => {
    const transitions = [{ event: 'noMatch', next: 'other' }, match('equal_to', '{{flow.data.expected}}', 'first')];
    const harness = new Harness(splitFlow(transitions));
    await harness.request({ answer: 'blue', expected: 'BLUE' });
    expect(harness.state?.context.flow.variables.went).toBe('first');
  });

  it('tests the input by default and arguments[0] when configured to', async () => {
    const transitions = [{ event: 'noMatch', next: 'other' }, match('equal_to', 'stale', 'first', '{{flow.data.stale}}')];
    const byInput = new Harness(splitFlow(transitions));
    await byInput.request({ answer: 'fresh', stale: 'stale' });
    expect(byInput.state?.context.flow.variables.went).toBe('other');
    const byArguments = new Harness(splitFlow(transitions), { options: { splitSubject: 'arguments' } });
    await byArguments.request({ answer: 'fresh', stale: 'stale' });
    expect(byArguments.state?.context.flow.variables.went).toBe('first');
  });

  it('ends with 81018 when the input is not a valid template, since a split has no failure event', async () => {
    const harness = new Harness(flowOf({ incomingRequest: 'split' },
      widget('split', 'split-based-on', { input: '{% if %}' }, [{ event: 'noMatch' }])));
    const sprint = await harness.request();
    expect(sprint.error).toMatchObject({ code: 81018 });
    expect(sprint.error?.message).toContain('split');
    expect(harness.state?.ended?.reason).toBe('ERROR');
  });
});
