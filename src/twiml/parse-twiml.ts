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
  // Twilio lists a blank line before the XML declaration among the causes of 12100.
  if (/^\s+<\?xml/.test(xml)) return failure('There is white space before the XML declaration');
  const check = XMLValidator.validate(xml);
  if (check !== true) return failure(`Not well-formed XML at line ${check.err.line}, column ${check.err.col}: ${check.err.msg}`);
  const roots = (parser.parse(xml) as OrderedNode[]).map(toChild).filter((child): child is TwimlElement => typeof child === 'object' && 'name' in child);
  if (roots.length !== 1 || roots[0].name !== 'Response') {
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
  if (!name || name === '?xml') return undefined;
  const children = (node[name] as OrderedNode[]).map(toChild).filter((child): child is TwimlChild => child !== undefined);
  return { name, attributes: { ...node[':@'] }, children };
}

function textOfComment(value: unknown): string {
  const text = Array.isArray(value) ? value.map((part) => String((part as OrderedNode)['#text'] ?? '')).join('') : String(value);
  return text.trim();
}
