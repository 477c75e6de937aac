import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * Messaging TwiML, as Twilio reads a messaging webhook's answer: `<Response>` holding
 * `<Message>` (text, or `<Body>` and `<Media>`) and `<Redirect>`. Not well-formed XML is 12100;
 * a wrong root or element is 12200. Unknown elements are reported and skipped.
 */

export interface MessageVerb {
  verb: 'Message';
  body: string;
  media: string[];
  to?: string;
  from?: string;
  action?: string;
  method?: string;
  statusCallback?: string;
}

export interface RedirectVerb {
  verb: 'Redirect';
  url: string;
  method: 'GET' | 'POST';
}

export type MessagingVerb = MessageVerb | RedirectVerb;

export interface MessagingTwiml {
  verbs: MessagingVerb[];
  /** Twilio's code (12100 or 12200) and a reason, for each problem found. */
  problems: Array<{ code: number; message: string }>;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

export function parseMessagingTwiml(xml: string): MessagingTwiml {
  const problems: MessagingTwiml['problems'] = [];
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    return { verbs: [], problems: [{ code: 12100, message: `Not well-formed XML at line ${check.err.line}, column ${check.err.col}: ${check.err.msg}` }] };
  }
  const roots = (parser.parse(xml) as OrderedNode[]).filter((node) => !('?xml' in node) && !('#comment' in node) && !isBlankText(node));
  const response = roots.length === 1 ? roots[0] : undefined;
  if (!response || !('Response' in response)) {
    return { verbs: [], problems: [{ code: 12200, message: 'The root element must be <Response>' }] };
  }
  const verbs: MessagingVerb[] = [];
  for (const node of response.Response as OrderedNode[]) {
    const name = elementName(node);
    if (!name) continue;
    const attributes = node[':@'] ?? {};
    const children = node[name] as OrderedNode[];
    if (name === 'Message') verbs.push(messageVerb(children, attributes));
    else if (name === 'Redirect') {
      const method = (attributes.method ?? 'POST').toUpperCase();
      verbs.push({ verb: 'Redirect', url: textOf(children).trim(), method: method === 'GET' ? 'GET' : 'POST' });
    } else problems.push({ code: 12200, message: `<${name}> is not a messaging verb; it was skipped` });
  }
  return { verbs, problems };
}

function messageVerb(children: OrderedNode[], attributes: Record<string, string>): MessageVerb {
  const bodies: string[] = [];
  const media: string[] = [];
  let text = '';
  for (const child of children) {
    const name = elementName(child);
    if (name === 'Body') bodies.push(textOf(child.Body as OrderedNode[]));
    else if (name === 'Media') media.push(textOf(child.Media as OrderedNode[]).trim());
    else if ('#text' in child) text += String(child['#text']);
  }
  return {
    verb: 'Message',
    // Several <Body> elements are joined; plain text counts when there is no <Body>.
    body: bodies.length > 0 ? bodies.join('') : text.trim(),
    media,
    to: attributes.to,
    from: attributes.from,
    action: attributes.action,
    method: attributes.method,
    statusCallback: attributes.statusCallback,
  };
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#comment');
}

function textOf(nodes: OrderedNode[] | undefined): string {
  return (nodes ?? []).map((node) => ('#text' in node ? String(node['#text']) : '')).join('');
}

function isBlankText(node: OrderedNode): boolean {
  return '#text' in node && String(node['#text']).trim() === '';
}
