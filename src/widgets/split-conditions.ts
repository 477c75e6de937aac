/**
 * Studio's split-based-on condition types. Text tests are case-insensitive and ignore leading
 * and trailing white space; numeric tests are false unless both sides are numbers. Choices
 * where Studio is unverified are listed in docs/behaviour-choices.md.
 */
export const conditionTypes = [
  'equal_to', 'not_equal_to',
  'matches_any_of', 'does_not_match_any_of',
  'contains', 'does_not_contain',
  'starts_with', 'does_not_start_with',
  'regex',
  'is_blank', 'is_not_blank',
  'less_than', 'greater_than',
  'is_before_time', 'is_after_time',
  'is_before_date', 'is_after_date',
] as const;

export type ConditionType = (typeof conditionTypes)[number];

export function isConditionType(type: string): type is ConditionType {
  return (conditionTypes as readonly string[]).includes(type);
}

const negations: Partial<Record<ConditionType, ConditionType>> = {
  not_equal_to: 'equal_to',
  does_not_match_any_of: 'matches_any_of',
  does_not_contain: 'contains',
  does_not_start_with: 'starts_with',
  is_not_blank: 'is_blank',
};

export function evaluateCondition(type: ConditionType, input: string, value: string): boolean {
  const positive = negations[type];
  if (positive) return !evaluateCondition(positive, input, value);
  const subject = normalise(input);
  const target = normalise(value);
  switch (type) {
    case 'equal_to':
      return subject === target;
    case 'matches_any_of':
      return value.split(',').some((item) => normalise(item) === subject);
    case 'contains':
      return subject.includes(target);
    case 'starts_with':
      return subject.startsWith(target);
    case 'regex':
      return regexMatches(value, input.trim());
    case 'is_blank':
      return subject === '';
    case 'less_than':
      return compareAs(parseNumber, input, value, (a, b) => a < b);
    case 'greater_than':
      return compareAs(parseNumber, input, value, (a, b) => a > b);
    case 'is_before_time':
      return compareAs(parseTimeOfDay, input, value, (a, b) => a < b);
    case 'is_after_time':
      return compareAs(parseTimeOfDay, input, value, (a, b) => a > b);
    case 'is_before_date':
      return compareAs(parseDate, input, value, (a, b) => a < b);
    case 'is_after_date':
      return compareAs(parseDate, input, value, (a, b) => a > b);
    default:
      return false;
  }
}

/** A regex condition's pattern, or the reason it is not one. */
export function checkRegex(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'i');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function normalise(text: string): string {
  return text.trim().toLowerCase();
}

function regexMatches(pattern: string, input: string): boolean {
  // Search semantics, like Ruby's =~: exports anchor with ^ and .* themselves.
  return checkRegex(pattern) === undefined && new RegExp(pattern, 'i').test(input);
}

function compareAs(parse: (text: string) => number | undefined, left: string, right: string, test: (a: number, b: number) => boolean): boolean {
  const a = parse(left);
  const b = parse(right);
  return a !== undefined && b !== undefined && test(a, b);
}

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  // Decimal only: Number() would also read '0x10', '0b1' and '0o7' as numbers.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return undefined;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : undefined;
}

/** Minutes after midnight of `HH:MM` (24-hour). */
function parseTimeOfDay(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

/** Days since the epoch of `YYYY-MM-DD`. */
function parseDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, years 0-99 stay as written
  // A day or month out of range rolls over (2026-02-30, 2026-13-01): those are not dates.
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? date.getTime() / 86_400_000 : undefined;
}
