import { messagingSchema } from './messaging-schema.ts';
import { elementsOf, textOf, type TwimlElement } from './twiml-node.ts';
import { validateTwiml } from './validate-twiml.ts';

/**
 * Messaging TwiML, as Twilio reads a messaging webhook's answer: `<Response>` holding
 * `<Message>` (text, or `<Body>` and `<Media>`) and `<Redirect>`. Not well-formed XML is 12100;
 * other problems are reported with Twilio's codes, and elements that are not messaging verbs are
 * skipped.
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

export function parseMessagingTwiml(xml: string): MessagingTwiml {
  const { findings, root } = validateTwiml(xml, messagingSchema);
  const problems = findings.map(({ code, message }) => ({ code, message }));
  const verbs: MessagingVerb[] = [];
  for (const element of root ? elementsOf(root) : []) {
    if (element.name === 'Message') verbs.push(messageVerb(element));
    else if (element.name === 'Redirect') {
      const method = (element.attributes.method ?? 'POST').toUpperCase();
      verbs.push({ verb: 'Redirect', url: textOf(element).trim(), method: method === 'GET' ? 'GET' : 'POST' });
    }
  }
  return { verbs, problems };
}

function messageVerb(element: TwimlElement): MessageVerb {
  const children = elementsOf(element);
  const bodies = children.filter((child) => child.name === 'Body').map(textOf);
  const { to, from, action, method, statusCallback } = element.attributes;
  return {
    verb: 'Message',
    // Several <Body> elements are joined; plain text counts when there is no <Body>.
    body: bodies.length > 0 ? bodies.join('') : textOf(element).trim(),
    media: children.filter((child) => child.name === 'Media').map((child) => textOf(child).trim()),
    to,
    from,
    action,
    method,
    statusCallback,
  };
}
