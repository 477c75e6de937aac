import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TwimlChild, TwimlElement } from './twiml-node.ts';

/**
 * Reads TwiML text into a tree. Text that is not well-formed XML, or whose root is not
 * `<Response>`, is Twilio's 12100 "Document parse failure".
 */
export type ParsedTwiml = { ok: true; root: TwimlElement } | { ok: false; code: 12100; message: string };

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  commentPropName: '#comment',
  // Character references such as &#xA; (which the twilio package writes in attributes).
  htmlEntities: true,
});

export function parseTwiml(xml: string): ParsedTwiml {
  if (xml.trim() === '') return failure('The document is empty');
  // Twilio lists a blank line before the XML declaration among the causes of 12100.
  if (/^\s+<\?xml/.test(xml)) return failure('There is white space before the XML declaration');
  // XML 1.0 allows no control characters other than tab, newline and carriage return; the validator lets them through.
  const control = /[\0-\x08\x0B\f\x0E-\x1F]/.exec(xml);
  if (control) return failure(`The document holds a character XML does not allow (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}) at offset ${control.index}`);
  const check = XMLValidator.validate(xml);
  if (check !== true) return failure(`Not well-formed XML at line ${check.err.line}, column ${check.err.col}: ${check.err.msg}`);
  // The validator lets text after a self-closed root through (`<Response/>junk`).
  if (!xml.trimEnd().endsWith('>')) return failure('There is text after the root element');
  let top: Array<TwimlChild | undefined>;
  try {
    top = (parser.parse(xml) as OrderedNode[]).map(toChild);
  } catch (error) {
    // The parser's own limits, such as more than 100 nested elements.
    return failure(`The document cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const roots = top.filter((child): child is TwimlElement => typeof child === 'object' && 'name' in child);
  if (roots.length > 1) return failure(`A document has one root element, not ${roots.length}`);
  if (roots.length === 0 || roots[0].name !== 'Response') {
    return failure(`The root element must be <Response>${roots[0] ? `, not <${roots[0].name}>` : ''}`);
  }
  return { ok: true, root: roots[0] };
}

function failure(message: string): ParsedTwiml {
  return { ok: false, code: 12100, message };
}

function toChild(node: OrderedNode): TwimlChild | undefined {
  if ('#text' in node) return String(node['#text']);
  if ('#comment' in node) return { comment: textOfComment(node['#comment']) };
  const name = Object.keys(node).find((key) => key !== ':@');
  // The XML declaration and other processing instructions.
  if (!name || name.startsWith('?')) return undefined;
  const children = (node[name] as OrderedNode[]).map(toChild).filter((child): child is TwimlChild => child !== undefined);
  return { name, attributes: { ...node[':@'] }, children };
}

function textOfComment(value: unknown): string {
  const text = Array.isArray(value) ? value.map((part) => String((part as OrderedNode)['#text'] ?? '')).join('') : String(value);
  return text.trim();
}
