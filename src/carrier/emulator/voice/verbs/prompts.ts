import { elementsOf, textOf, type TwimlElement } from '../../../../twiml/twiml-node.ts';
import type { CallLeg } from '../call-leg.ts';
import { numberAttribute, type VerbRunner } from './verb.ts';

/**
 * What the caller hears. Speech and audio take no time on the emulator's clock (a test hears
 * them at once); `loop="0"` plays until something interrupts the call, as Twilio's does until hangup.
 */

/** Every word inside a <Say>, SSML elements included. */
export function spokenText(element: TwimlElement): string {
  return element.children
    .map((child) => (typeof child === 'string' ? child : 'comment' in child ? '' : spokenText(child)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Emits a <Say> or <Play>; returns how many times it loops (0 = until interrupted). */
export function hearPrompt(leg: CallLeg, element: TwimlElement): number {
  const loop = numberAttribute(element, 'loop', 1);
  if (element.name === 'Say') {
    leg.hear('say', {
      text: spokenText(element),
      voice: element.attributes.voice ?? 'man',
      language: element.attributes.language ?? 'en-US',
      ...(loop !== 1 ? { loop } : {}),
    });
  } else {
    const digits = element.attributes.digits;
    leg.hear('play', { url: textOf(element).trim(), ...(digits ? { digits } : {}), ...(loop !== 1 ? { loop } : {}) });
  }
  return loop;
}

export const sayOrPlay: VerbRunner = async (element, { leg }) => {
  if (hearPrompt(leg, element) === 0) await leg.park<void>('hangup', [], () => ({}));
};

export const pause: VerbRunner = async (element, { leg }) => {
  const length = numberAttribute(element, 'length', 1);
  leg.hear('pause', { length });
  if (length > 0) await leg.pause('pause', length);
};

/** Children a verb may nest as prompts (Gather, Pay's Prompt). */
export function promptsOf(element: TwimlElement): TwimlElement[] {
  return elementsOf(element).filter((child) => child.name === 'Say' || child.name === 'Play' || child.name === 'Pause');
}
