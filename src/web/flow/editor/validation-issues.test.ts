import { describe, expect, it } from 'vitest';
import { indexIssues } from './validation-issues.ts';
import { smsFlow } from './test-fixtures.ts';

describe('validation issues', () => {
  it('ties each issue to the widget its path points into, by index in the definition checked', () => {
    const index = indexIssues(
      smsFlow(),
      [{ message: 'input is required', property_path: '#/states/2/properties/input' }, { message: 'bad', property_path: '#/initial_state' }],
      [{ message: 'unreachable', property_path: '#/states/5' }, { message: 'nowhere', property_path: '#/states/99/name' }],
    );
    expect(index.all.map((issue) => [issue.severity, issue.widget])).toEqual([['error', 'split_1'], ['error', undefined], ['warning', 'lonely'], ['warning', undefined]]);
    expect(index.byWidget.get('split_1')?.map((issue) => issue.message)).toEqual(['input is required']);
    expect(index.byWidget.has('Trigger')).toBe(false);
  });
});
