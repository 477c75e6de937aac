import { describe, expect, it } from 'vitest';
import { flowFileName } from './flow-file-name.ts';

describe('flowFileName', () => {
  it('replaces what file systems refuse, and names an empty name "flow"', () => {
    expect(flowFileName('Order bot', '.flowtest.yaml')).toBe('Order bot.flowtest.yaml');
    expect(flowFileName('a/b: "c"?', '.json')).toBe('a-b- -c--.json');
    expect(flowFileName('  ', '.flowtest.yaml')).toBe('flow.flowtest.yaml');
  });
});
