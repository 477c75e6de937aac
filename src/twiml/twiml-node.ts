/**
 * A TwiML document as a tree: elements with attributes and children, where text is a string
 * child (so that `<Say>` can mix words and SSML). Comments are kept for printing only.
 */
export interface TwimlElement {
  name: string;
  attributes: Record<string, string>;
  children: TwimlChild[];
}

export type TwimlChild = TwimlElement | string | { comment: string };

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>';

/** Prints a document exactly as the official `twilio` package does. */
export function printTwiml(root: TwimlElement): string {
  return xmlDeclaration + printElement(root);
}

function printElement(element: TwimlElement): string {
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (element.children.length === 0) return `<${element.name}${attributes}/>`;
  return `<${element.name}${attributes}>${element.children.map(printChild).join('')}</${element.name}>`;
}

function printChild(child: TwimlChild): string {
  if (typeof child === 'string') return escapeText(child);
  if ('comment' in child) return `<!-- ${child.comment} -->`;
  return printElement(child);
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

/** The text directly inside an element (not inside its child elements). */
export function textOf(element: TwimlElement): string {
  return element.children.filter((child): child is string => typeof child === 'string').join('');
}

/** The child elements of an element. */
export function elementsOf(element: TwimlElement): TwimlElement[] {
  return element.children.filter((child): child is TwimlElement => typeof child !== 'string' && !('comment' in child));
}
