import Mustache from 'mustache';
import { escapeXml } from './escape-xml.ts';

/**
 * TwiML Bins are Mustache templates over the request: `{{From}}`, `{{Digits}}`, any query
 * parameter of the Bin's URL, sections (`{{#Digits}}…{{/Digits}}`, `{{^Digits}}…`), lists
 * (`Dest[]=…` iterated with `{{#Dest}}{{.}}{{/Dest}}`) and Twilio's `{{#e164}}…{{/e164}}`, which
 * takes the number out of a SIP URI. Values are XML-escaped.
 */
export function renderBin(template: string, params: Record<string, string | string[]>): string {
  const view: Record<string, unknown> = { e164: () => (text: string, render: (text: string) => string) => toE164(render(text)) };
  for (const [key, value] of Object.entries(params)) {
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    view[name] = key.endsWith('[]') && !Array.isArray(value) ? [value] : value;
  }
  return Mustache.render(template, view, {}, { escape: escapeXml });
}

/** Why a template cannot be rendered (an unclosed section, say), or undefined. */
export function checkBinTemplate(template: string): string | undefined {
  try {
    Mustache.parse(template);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function toE164(text: string): string {
  const match = /(\+?\d{6,15})/.exec(text.replace(/^sips?:/, ''));
  if (!match) return text;
  return match[1].startsWith('+') ? match[1] : `+${match[1]}`;
}

