import type { LegInput } from '../call-leg.ts';
import { booleanAttribute, methodAttribute, numberAttribute, type VerbRunner } from './verb.ts';

/**
 * <Record>: after a beep, the handset's Recording input (text standing for audio) is the
 * recording. It ends on a `finishOnKey` key, on `timeout` seconds of silence before anything is
 * said, at `maxLength`, or on hangup (the action is then told `Digits=hangup`). A recording is
 * saved and `action` requested (the document itself by default); an empty one falls through or
 * requests the action as the emptyRecording voice option says.
 */
export const record: VerbRunner = async (element, context) => {
  const { leg, network } = context;
  const maxLength = numberAttribute(element, 'maxLength', 3600);
  const timeout = numberAttribute(element, 'timeout', 5);
  const finishOnKey = element.attributes.finishOnKey ?? '1234567890*#';
  const transcribe = booleanAttribute(element, 'transcribe', false);
  if (booleanAttribute(element, 'playBeep', true)) leg.hear('beep');
  leg.hear('record', { maxLength, timeout, finishOnKey, action: element.attributes.action ?? null });
  const startedAt = network.clock.now();
  let audio = '';
  let seconds = 0;
  let finishedBy = '';
  // The handset may speak and then hang up (Recording with Hangup=true): Twilio then tells the action Digits=hangup.
  let hangUpAfter = false;
  try {
    await leg.park<void>('record', ['recording', 'digits'], (finish) => {
      const cancelSilence = timeout > 0 ? network.after(timeout, () => finish()) : () => {};
      const cancelMax = network.after(maxLength, () => {
        seconds = maxLength;
        finish();
      });
      return {
        onInput: (input: LegInput) => {
          if (input.recording !== undefined) {
            audio = input.recording;
            seconds = Math.min(input.recordingSeconds ?? Math.max(1, Math.ceil(audio.split(/\s+/).length / 2.5)), maxLength);
            leg.hear('recorded', { text: audio, seconds });
            hangUpAfter = input.hangUpAfter === true;
          }
          const key = [...(input.digits ?? '')].find((digit) => finishOnKey.includes(digit));
          if (key) finishedBy = key;
          if (input.recording !== undefined || key) finish();
        },
        cancel: () => (cancelSilence(), cancelMax()),
      };
    });
  } catch (error) {
    // A hangup ends the recording; Twilio still saves it and tells the action, whose answer is ignored.
    if (audio || seconds) await saveAndNotify(context, element, audio, seconds, 'hangup', transcribe, true);
    throw error;
  }
  if (!audio && seconds === 0) {
    leg.hear('record-ended', { empty: true, seconds: Math.round((network.clock.now() - startedAt) / 1000) });
    if (network.options.emptyRecording === 'fall-through') return;
  }
  if (hangUpAfter) {
    await saveAndNotify(context, element, audio, seconds, 'hangup', transcribe, true);
    leg.hear('hangup', { by: 'handset' });
    return { hangup: 'completed' };
  }
  const params = await saveAndNotify(context, element, audio, seconds, finishedBy, transcribe, false);
  const action = context.action(element, true, params);
  return action ? { transfer: action } : undefined;
};

async function saveAndNotify(
  context: Parameters<VerbRunner>[1],
  element: Parameters<VerbRunner>[0],
  audio: string,
  seconds: number,
  digits: string,
  transcribe: boolean,
  hungUp: boolean,
): Promise<Record<string, string>> {
  const { leg, network } = context;
  const callback = element.attributes.recordingStatusCallback;
  const recording = network.saveRecording(leg, {
    source: 'RecordVerb',
    duration: seconds,
    audio,
    statusCallback: callback ? { url: context.resolve(callback), method: methodAttribute(element, 'recordingStatusCallbackMethod') } : undefined,
    transcribeCallback: transcribe && element.attributes.transcribeCallback ? context.resolve(element.attributes.transcribeCallback) : undefined,
  });
  const params: Record<string, string> = { RecordingUrl: recording.url, RecordingDuration: String(seconds), RecordingSid: recording.sid };
  if (digits) params.Digits = digits;
  if (hungUp) {
    params.Digits = 'hangup';
    await context.actionAfterHangup(element, true, params);
  }
  return params;
}
