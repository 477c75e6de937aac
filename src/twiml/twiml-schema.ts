/**
 * The shape of a TwiML dialect (voice or messaging), declared once: which elements exist, what
 * each may contain, and each attribute's type. The builder, the validator and the interpreter
 * all read it.
 */

export type AttributeType =
  | 'string'
  | 'url'
  | 'integer'
  | 'number'
  | 'boolean'
  /** One of `values`. */
  | 'enum'
  /** Space-separated items, each one of `values` (Gather's `input="dtmf speech"`). */
  | 'list';

export interface AttributeSpec {
  type: AttributeType;
  values?: readonly string[];
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** The form a string must have (Gather's finishOnKey: one of 0-9 # * or nothing). */
  pattern?: RegExp;
  /** Twilio's warning code for a bad value (e.g. 13312 for Gather's method); 12200 when absent. */
  code?: number;
}

export interface ElementSpec {
  /** Whether the element may hold text (a number to dial, words to say, a URL to play). */
  text: boolean;
  /** The elements it may contain; `*` in Twilio's docs means they may repeat, which is the default. */
  children: readonly string[];
  attributes: Readonly<Record<string, AttributeSpec>>;
  /** Twilio's warning code for an element nested where it may not be (e.g. 13320 inside Gather). */
  nestingCode?: number;
  /** The builder method's name when it is not the element name with a lower-case first letter. */
  method?: string;
}

export type TwimlSchema = Readonly<Record<string, ElementSpec>>;

/** Helpers that keep schema declarations short. */
export const text = (): AttributeSpec => ({ type: 'string' });
export const url = (code?: number): AttributeSpec => ({ type: 'url', code });
export const integer = (code?: number, min?: number, max?: number): AttributeSpec => ({ type: 'integer', code, min, max });
export const number = (code?: number, min?: number, max?: number): AttributeSpec => ({ type: 'number', code, min, max });
export const flag = (code?: number): AttributeSpec => ({ type: 'boolean', code });
export const oneOf = (values: readonly string[], code?: number): AttributeSpec => ({ type: 'enum', values, code });
export const listOf = (values: readonly string[], code?: number): AttributeSpec => ({ type: 'list', values, code });
export const httpMethod = (code?: number): AttributeSpec => oneOf(['GET', 'POST'], code);
