import { parseTwiml } from './parse-twiml.ts';
import { elementsOf, textOf, type TwimlElement } from './twiml-node.ts';
import type { AttributeSpec, TwimlSchema } from './twiml-schema.ts';

/**
 * Twilio's TwiML checks. Text that does not parse is 12100 (an error: the document is not run).
 * Anything that parses but breaks the schema is reported with Twilio's specific code where it
 * has one (13312 for Gather's method, 13320 for a verb nested in Gather, …), else 12200, and is
 * a warning unless Twilio lists that code as an error.
 */
export interface TwimlFinding {
  code: number;
  level: 'error' | 'warning';
  message: string;
  /** Where: `/Response/Gather[1]/Say[2]`, or `/` for the document. */
  path: string;
}

export interface TwimlValidation {
  /** False when any finding is an error. */
  valid: boolean;
  findings: TwimlFinding[];
  root?: TwimlElement;
  /** The schema the document was checked against, once it parsed. */
  schema?: TwimlSchema;
}

/** Codes Twilio's error catalogue lists as ERROR rather than WARNING. */
const errorCodes = new Set([12100, 13201, 13338, 13420, 13801, 13803, 14201, 14204, 14205]);

const maxSayCharacters = 4096;

/** Parses and checks a document, against a schema or one chosen from the parsed document. */
export function validateTwiml(xml: string, schema: TwimlSchema | ((root: TwimlElement) => TwimlSchema)): TwimlValidation {
  const parsed = parseTwiml(xml);
  if (!parsed.ok) return { valid: false, findings: [{ code: 12100, level: 'error', message: parsed.message, path: '/' }] };
  const chosen = typeof schema === 'function' ? schema(parsed.root) : schema;
  const findings = checkTwiml(parsed.root, chosen);
  return { valid: findings.every((finding) => finding.level !== 'error'), findings, root: parsed.root, schema: chosen };
}

/** Checks a parsed document against a schema and Twilio's cross-element rules. */
export function checkTwiml(root: TwimlElement, schema: TwimlSchema): TwimlFinding[] {
  const findings: TwimlFinding[] = [];
  const report = (code: number, path: string, message: string) =>
    findings.push({ code, level: errorCodes.has(code) ? 'error' : 'warning', message, path });
  checkElement(root, '/Response', undefined, schema, report);
  return findings;
}

type Report = (code: number, path: string, message: string) => void;

function checkElement(element: TwimlElement, path: string, parent: TwimlElement | undefined, schema: TwimlSchema, report: Report): void {
  const spec = schema[element.name];
  const nestingCode = (parent && schema[parent.name]?.nestingCode) || 12200;
  if (!spec) {
    report(nestingCode, path, `<${element.name}> is not an element of this TwiML`);
    return;
  }
  if (parent && !schema[parent.name]?.children.includes(element.name)) {
    report(nestingCode, path, `<${element.name}> cannot be nested in <${parent.name}>`);
  }
  if (!spec.text && textOf(element).trim() !== '') report(12200, path, `<${element.name}> cannot hold text`);
  for (const [name, value] of Object.entries(element.attributes)) {
    const attribute = spec.attributes[name];
    if (!attribute) report(12200, path, `<${element.name}> has no attribute "${name}"`);
    else {
      const problem = checkValue(attribute, value);
      if (problem) report(attribute.code ?? 12200, path, `${element.name} ${name}="${value}": ${problem}`);
    }
  }
  checkRules(element, path, parent, report);
  const counts = new Map<string, number>();
  for (const child of elementsOf(element)) {
    const index = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, index);
    checkElement(child, `${path}/${child.name}[${index}]`, element, schema, report);
  }
}

function checkValue(spec: AttributeSpec, value: string): string | undefined {
  switch (spec.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value.trim())) return 'not a whole number';
      return outOfBounds(spec, Number(value));
    case 'number':
      if (value.trim() === '' || !Number.isFinite(Number(value))) return 'not a number';
      return outOfBounds(spec, Number(value));
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'must be true or false';
    case 'enum':
      return spec.values?.includes(value) ? undefined : `must be one of ${spec.values?.join(', ')}`;
    case 'list': {
      if (!spec.values) return undefined; // items of any form (Prompt's attempt numbers)
      const unknown = value.split(/\s+/).filter((item) => item !== '' && !spec.values?.includes(item));
      return unknown.length === 0 ? undefined : `${unknown.join(', ')} not among ${spec.values?.join(', ')}`;
    }
    case 'url':
      return isUrl(value) ? undefined : 'not a URL';
    default:
      return spec.pattern === undefined || spec.pattern.test(value) ? undefined : 'not in the allowed form';
  }
}

function outOfBounds(spec: AttributeSpec, value: number): string | undefined {
  if (spec.min !== undefined && value < spec.min) return `below ${spec.min}`;
  if (spec.max !== undefined && value > spec.max) return `above ${spec.max}`;
  return undefined;
}

/** Absolute, or relative to the document's URL; spaces and control characters are not allowed. */
function isUrl(value: string): boolean {
  if (/[\s\u0000-\u001f]/.test(value)) return false;
  try {
    new URL(value, 'http://document.invalid/');
    return true;
  } catch {
    return false;
  }
}

/** Twilio's rules that span elements (reference §2.1). */
function checkRules(element: TwimlElement, path: string, parent: TwimlElement | undefined, report: Report): void {
  const children = elementsOf(element);
  const count = (name: string) => children.filter((child) => child.name === name).length;
  switch (element.name) {
    case 'Play':
      if (parent?.name === 'Gather' && element.attributes.digits !== undefined) report(13320, path, '<Play digits> is not allowed inside <Gather>');
      break;
    case 'Dial':
      if (count('Conference') > 0 && count('Number') > 0) report(13000, path, 'A <Conference> cannot be mixed with <Number> nouns');
      for (const noun of ['Number', 'Client']) {
        if (count(noun) > 10) report(12200, path, `<Dial> can ring at most 10 <${noun}> nouns, not ${count(noun)}`);
      }
      break;
    case 'Say': {
      const words = textOf(element).trim();
      if (words === '' && children.length === 0) report(13520, path, '<Say> has nothing to say');
      if (words.length > maxSayCharacters) report(13521, path, `<Say> text is ${words.length} characters; the limit is ${maxSayCharacters}`);
      break;
    }
    case 'Enqueue': {
      const queue = textOf(element).trim();
      if (queue === '' && count('Task') === 0 && element.attributes.workflowSid === undefined) report(14204, path, '<Enqueue> needs a queue name');
      if (queue.length > 64) report(14205, path, `the queue name is ${queue.length} characters; the limit is 64`);
      break;
    }
    case 'Prompt':
    case 'Queue':
      if (parent?.name === 'Response') {
        report(12200, path, `<${element.name}> belongs inside <${element.name === 'Prompt' ? 'Pay' : 'Dial'}>, not directly in <Response>`);
      }
      break;
  }
}
