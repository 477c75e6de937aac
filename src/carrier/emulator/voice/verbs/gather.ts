import type { TwimlElement } from '../../../../twiml/twiml-node.ts';
import type { InputKind, LegInput } from '../call-leg.ts';
import { hearPrompt, promptsOf } from './prompts.ts';
import { booleanAttribute, numberAttribute, type VerbRunner } from './verb.ts';

/**
 * <Gather>: plays its prompts, then collects digits and/or speech. It ends when `numDigits`
 * digits have come, on `finishOnKey`, on speech, or `timeout` seconds after the last input (or
 * after the prompts). With input it requests `action` (the document itself by default); with
 * none it falls through to the next verb unless `actionOnEmptyResult` says otherwise.
 */
export const gather: VerbRunner = async (element, context) => {
  const { leg, network } = context;
  const settings = gatherSettings(element);
  const { accepts: _accepts, ...shown } = settings;
  leg.hear('gather', { ...shown, action: element.attributes.action ?? null });
  const collected = { digits: '', finishedOnKey: '', speech: undefined as string | undefined };

  /** Takes input; true once the gather is complete. */
  const consume = (input: LegInput): boolean => {
    if (input.speech !== undefined) {
      leg.hear('speech', { text: input.speech });
      collected.speech = input.speech;
      return true;
    }
    leg.hear('digits', { digits: input.digits ?? '' });
    for (const key of input.digits ?? '') {
      if (settings.finishOnKey && key === settings.finishOnKey) {
        collected.finishedOnKey = key;
        return true;
      }
      if (!/[0-9*#]/.test(key)) continue;
      collected.digits += key;
      if (settings.numDigits && collected.digits.length >= settings.numDigits) return true;
    }
    return false;
  };

  // Input during the prompts stops them (barge-in) and counts; a nested <Pause> is where it can arrive.
  let complete = false;
  let heardInput = false;
  for (const prompt of promptsOf(element)) {
    if (prompt.name !== 'Pause') {
      hearPrompt(leg, prompt);
      continue;
    }
    const length = numberAttribute(prompt, 'length', 1);
    leg.hear('pause', { length });
    const input = await leg.park<LegInput | undefined>('gather', settings.accepts, (finish) => ({
      cancel: network.after(length, () => finish(undefined)),
      onInput: (given) => finish(given),
    }));
    if (input) {
      heardInput = true;
      complete = consume(input);
      break;
    }
  }

  if (!complete) {
    await leg.park<void>('gather', settings.accepts, (finish) => {
      let cancelTimer = network.after(settings.timeout, () => finish());
      return {
        onInput: (input) => {
          heardInput = true;
          if (consume(input)) return finish();
          cancelTimer();
          cancelTimer = network.after(settings.timeout, () => finish());
        },
        cancel: () => cancelTimer(),
      };
    });
  }

  const gotInput = collected.speech !== undefined || collected.digits !== '';
  if (!gotInput) leg.hear('gather-ended', { reason: heardInput ? 'finish-key-without-digits' : 'timeout' });
  if (!gotInput && !settings.actionOnEmptyResult) return;
  const params: Record<string, string> =
    collected.speech !== undefined
      ? { SpeechResult: collected.speech, Confidence: network.options.speechConfidence }
      : { Digits: collected.digits, FinishedOnKey: collected.finishedOnKey };
  const action = context.action(element, true, params);
  return action ? { transfer: action } : undefined;
};

function gatherSettings(element: TwimlElement) {
  const input = (element.attributes.input ?? 'dtmf').split(/\s+/).filter(Boolean);
  const accepts: InputKind[] = [];
  if (input.includes('dtmf') || !input.includes('speech')) accepts.push('digits');
  if (input.includes('speech')) accepts.push('speech');
  const finishOnKey = element.attributes.finishOnKey ?? '#';
  return {
    input: accepts.map((kind) => (kind === 'digits' ? 'dtmf' : 'speech')).join(' '),
    accepts,
    numDigits: numberAttribute(element, 'numDigits', 0),
    finishOnKey: /^[0-9#*]?$/.test(finishOnKey) ? finishOnKey : '#',
    timeout: numberAttribute(element, 'timeout', 5),
    actionOnEmptyResult: booleanAttribute(element, 'actionOnEmptyResult', false),
    language: element.attributes.language ?? 'en-US',
  };
}
