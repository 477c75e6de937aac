import { describe, expect, it } from 'vitest';
import { checkRegex, conditionTypes, evaluateCondition, isConditionType, type ConditionType } from './split-conditions.ts';

type Case = [input: string, value: string, expected: boolean];

/** Every condition type, with cases that are true and cases that are false. */
const cases: Record<ConditionType, Case[]> = {
  equal_to: [
    ['1', '1', true],
    ['Yes', 'yes', true],
    ['  YES ', 'yes', true],
    ['yes', '  Yes  ', true],
    ['', '', true],
    ['yes please', 'yes', false],
    ['1.0', '1', false],
    ['01', '1', false],
    ['y es', 'yes', false],
  ],
  not_equal_to: [
    ['no', 'yes', true],
    ['1.0', '1', true],
    [' YES ', 'yes', false],
    ['1', '1', false],
  ],
  matches_any_of: [
    ['reach out', 'help,reach out,stop', true],
    ['REACH OUT', 'help, reach out , stop', true],
    ['  Stop ', 'help,reach out,stop', true],
    ['help', 'Help', true],
    ['reach', 'help,reach out,stop', false],
    ['reachout', 'help,reach out,stop', false],
    ['out', 'help,reach out,stop', false],
    ['help,stop', 'help,stop', false],
  ],
  does_not_match_any_of: [
    ['reach', 'help,reach out,stop', true],
    ['go', 'help, stop', true],
    [' STOP', 'help, stop', false],
    ['reach out', 'help,reach out,stop', false],
  ],
  contains: [
    ['I want a REFUND now', 'refund', true],
    ['refund', 'REFUND', true],
    ['the order number', ' order ', true],
    ['rebate', 'refund', false],
    ['ref', 'refund', false],
  ],
  does_not_contain: [
    ['rebate', 'refund', true],
    ['I want a Refund', 'refund', false],
  ],
  starts_with: [
    ['Yes please', 'yes', true],
    ['  YES', 'yes', true],
    ['yes', 'Yes', true],
    ['oh yes', 'yes', false],
    ['ye', 'yes', false],
  ],
  does_not_start_with: [
    ['oh yes', 'yes', true],
    ['YES sir', 'yes', false],
  ],
  regex: [
    ['order 12345', '\\d{5}', true],
    ['ORDER', '^order$', true],
    ['  order  ', '^order$', true],
    ['my order is late', 'order', true],
    ['User blocked by Access Policy', '^(?=.*blocked)(?=.*Access Policy).*', true],
    ['access policy: BLOCKED', '^(?=.*blocked)(?=.*Access Policy).*', true],
    ['User blocked', '^(?=.*blocked)(?=.*Access Policy).*', false],
    ['order 1234', '\\d{5}', false],
    ['my order', '^order$', false],
    ['(', '(', false],
    ['abc', '[a-', false],
  ],
  is_blank: [
    ['', 'Is Blank', true],
    ['   ', 'Is Blank', true],
    ['\t\n ', 'Is Blank', true],
    ['x', 'Is Blank', false],
    [' 0 ', 'Is Blank', false],
  ],
  is_not_blank: [
    ['x', 'Is Not Blank', true],
    ['0', 'Is Not Blank', true],
    ['', 'Is Not Blank', false],
    ['   ', 'Is Not Blank', false],
  ],
  less_than: [
    ['9', '10', true],
    ['-1', '0', true],
    ['2.5', '3', true],
    [' 4 ', '5', true],
    ['10', '9', false],
    ['5', '5', false],
    ['abc', '5', false],
    ['4', 'abc', false],
    ['', '5', false],
    ['4', '', false],
    ['   ', '5', false],
    ['0x1', '5', false],
    ['4 apples', '5', false],
  ],
  greater_than: [
    ['10', '9', true],
    ['100', '99.5', true],
    ['1e3', '999', true],
    ['0', '-1', true],
    ['9', '10', false],
    ['5', '5', false],
    ['ten', '9', false],
    ['10', 'nine', false],
    ['', '0', false],
    ['10', '  ', false],
    ['0x10', '9', false],
    ['Infinity', '9', false],
  ],
  is_before_time: [
    ['08:59', '09:00', true],
    ['9:00', '17:30', true],
    ['00:00', '23:59', true],
    ['09:00', '09:00', false],
    ['17:31', '17:30', false],
    ['9am', '17:30', false],
    ['09:00', '5pm', false],
    ['24:00', '23:59', false],
    ['08:60', '09:00', false],
    ['08:00:00', '09:00', false],
    ['', '09:00', false],
  ],
  is_after_time: [
    ['17:31', '17:30', true],
    ['23:59', '00:00', true],
    ['9:00', '10:00', false],
    ['17:30', '17:30', false],
    ['25:00', '17:30', false],
    ['17:30', 'noon', false],
  ],
  is_before_date: [
    ['2026-01-31', '2026-02-01', true],
    ['2025-12-31', '2026-01-01', true],
    ['0050-01-01', '1949-01-01', true],
    ['2026-02-28', '2026-02-28', false],
    ['2026-03-01', '2026-02-28', false],
    ['2026-02-30', '2026-03-15', false],
    ['2026-03-01', '2026-02-30', false],
    ['2026-13-01', '2027-06-01', false],
    ['2026-00-10', '2026-06-01', false],
    ['01/02/2026', '2026-06-01', false],
    ['2026-1-5', '2026-06-01', false],
    ['', '2026-06-01', false],
  ],
  is_after_date: [
    ['2024-02-29', '2024-02-28', true],
    ['2027-01-01', '2026-12-31', true],
    ['2025-02-29', '2025-02-01', false],
    ['2026-01-01', '2026-01-02', false],
    ['2026-01-01', '2026-01-01', false],
    ['2026-13-01', '2026-12-31', false],
    ['tomorrow', '2026-01-01', false],
  ],
};

describe('condition types', () => {
  it('covers every condition type with a true and a false case', () => {
    expect(Object.keys(cases).sort()).toEqual([...conditionTypes].sort());
    for (const type of conditionTypes) {
      expect(cases[type].some(([, , expected]) => expected), `${type} has a true case`).toBe(true);
      expect(cases[type].some(([, , expected]) => !expected), `${type} has a false case`).toBe(true);
    }
  });

  it.each(conditionTypes)('isConditionType(%j) is true', (type) => {
    expect(isConditionType(type)).toBe(true);
  });

  it.each(['equals', 'EQUAL_TO', 'is_empty', ''])('isConditionType(%j) is false', (type) => {
    expect(isConditionType(type)).toBe(false);
  });
});

for (const type of conditionTypes) {
  describe(type, () => {
    it.each(cases[type])(`${type}: input %j, value %j is %s`, (input, value, expected) => {
      expect(evaluateCondition(type, input, value)).toBe(expected);
    });
  });
}

describe('negations are exact opposites', () => {
  const pairs: [ConditionType, ConditionType][] = [
    ['not_equal_to', 'equal_to'],
    ['does_not_match_any_of', 'matches_any_of'],
    ['does_not_contain', 'contains'],
    ['does_not_start_with', 'starts_with'],
    ['is_not_blank', 'is_blank'],
  ];
  it.each(pairs)('%s is the negation of %s on every case of the positive', (negative, positive) => {
    for (const [input, value, expected] of cases[positive]) {
      expect(evaluateCondition(negative, input, value), `${negative}(${JSON.stringify(input)}, ${JSON.stringify(value)})`).toBe(!expected);
    }
  });
});

describe('checkRegex', () => {
  it.each(['\\d{5}', '^(?=.*blocked)(?=.*Access Policy).*', '^order$', 'yes|y|yeah'])('%j is valid', (pattern) => {
    expect(checkRegex(pattern)).toBeUndefined();
  });

  it.each([
    ['(', 'Invalid regular expression: /(/i: Unterminated group'],
    ['[a-', 'Invalid regular expression: /[a-/i: Unterminated character class'],
    ['*x', 'Invalid regular expression: /*x/i: Nothing to repeat'],
  ])('%j gives %j', (pattern, message) => {
    expect(checkRegex(pattern)).toBe(message);
  });
});
