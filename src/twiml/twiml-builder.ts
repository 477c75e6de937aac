import { printTwiml, type TwimlElement } from './twiml-node.ts';
import type { TwimlSchema } from './twiml-schema.ts';

/**
 * A typed TwiML builder generated from a schema, with the official `twilio` package's method
 * names and output: `response.gather({ numDigits: 1 }).say('Press 1')`. Each element gets one
 * method per child it may contain.
 */

export type AttributeValue = string | number | boolean | readonly (string | number)[] | null | undefined;
export type Attributes = Readonly<Record<string, AttributeValue>>;

/** What every element's builder can do, whatever its children. */
export interface TwimlNodeBuilder {
  readonly element: TwimlElement;
  /** Adds text inside the element. */
  addText(text: string): this;
  /** Adds any element, for TwiML the schema does not know. */
  addChild(name: string, attributes?: Attributes): TwimlNodeBuilder;
  comment(text: string): this;
  toString(): string;
}

type MethodName<S extends TwimlSchema, Child extends string> = S[Child] extends { method: infer Name extends string } ? Name : Uncapitalize<Child>;

/** The builder for element `Name` of schema `S`: one method per allowed child. */
export type TwimlBuilderFor<S extends TwimlSchema, Name extends keyof S & string> = TwimlNodeBuilder & {
  [Child in S[Name]['children'][number] & string as MethodName<S, Child>]: (
    attributesOrText?: Attributes | string | number,
    text?: string | number,
  ) => TwimlBuilderFor<S, Child & keyof S & string>;
};

/** A builder for a new document whose root is `name` (`Response`). */
export function createBuilder<S extends TwimlSchema, Name extends keyof S & string>(schema: S, name: Name): TwimlBuilderFor<S, Name> {
  const root: TwimlElement = { name, attributes: {}, children: [] };
  return buildNode(schema, root, root) as TwimlBuilderFor<S, Name>;
}

const prototypes = new WeakMap<TwimlSchema, Map<string, object>>();

/** Every node knows the document's root, since toString prints the whole document. */
function buildNode(schema: TwimlSchema, element: TwimlElement, root: TwimlElement): TwimlNodeBuilder {
  const node = Object.create(prototypeFor(schema, element.name)) as Node;
  node.element = element;
  node.root = root;
  return node as unknown as TwimlNodeBuilder;
}

function prototypeFor(schema: TwimlSchema, name: string): object {
  let bySchema = prototypes.get(schema);
  if (!bySchema) prototypes.set(schema, (bySchema = new Map()));
  let prototype = bySchema.get(name);
  if (prototype) return prototype;
  prototype = {
    addText(this: Node, text: string) {
      this.element.children.push(legalText(text));
      return this;
    },
    addChild(this: Node, childName: string, attributes: Attributes = {}) {
      return this.append(childName, attributes, undefined);
    },
    comment(this: Node, text: string) {
      // As the twilio package (xmlbuilder) does, spelling included.
      if (text.includes('--')) throw new Error(`Comment text cannot contain double-hypen: ${text}`);
      this.element.children.push({ comment: legalText(text) });
      return this;
    },
    toString(this: Node) {
      return printTwiml(this.root);
    },
    append(this: Node, childName: string, attributes: Attributes, content: string | number | undefined) {
      const child: TwimlElement = { name: childName, attributes: printAttributes(attributes), children: [] };
      if (content !== undefined && content !== null && String(content) !== '') child.children.push(legalText(String(content)));
      this.element.children.push(child);
      return buildNode(schema, child, this.root);
    },
  };
  for (const child of schema[name]?.children ?? []) {
    const method = schema[child]?.method ?? child.charAt(0).toLowerCase() + child.slice(1);
    Object.defineProperty(prototype, method, {
      value(this: Node, attributesOrText?: Attributes | string | number, content?: string | number) {
        const textOnly = typeof attributesOrText === 'string' || typeof attributesOrText === 'number';
        return this.append(child, textOnly ? {} : (attributesOrText ?? {}), textOnly ? attributesOrText : content);
      },
    });
  }
  bySchema.set(name, prototype);
  return prototype;
}

/** Characters XML 1.0 does not allow (lone surrogates included), which the twilio package refuses in text and comments. */
const illegalCharacter = /[\0-\x08\x0B\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

function legalText(text: string): string {
  const match = illegalCharacter.exec(text);
  if (match) throw new Error(`Invalid character in string: ${text} at index ${match.index}`);
  return text;
}

interface Node {
  element: TwimlElement;
  root: TwimlElement;
  append(name: string, attributes: Attributes, content: string | number | undefined): TwimlNodeBuilder;
}

/** Attribute values as the twilio package writes them: booleans as words, lists joined by spaces. */
function printAttributes(attributes: Attributes): Record<string, string> {
  const printed: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    printed[name] = Array.isArray(value) ? value.join(' ') : String(value);
  }
  return printed;
}
