/**
 * Choices the reference leaves open (twiml-voice-messaging.md §12). Each has the default
 * docs/behaviour-choices.md explains, and `switchboard serve --voice-option name=value` changes it.
 */
export interface VoiceOptions {
  /** Whether <Dial action> is still requested (its answer ignored) when the caller hangs up during the bridge (§12 #2). */
  dialActionOnCallerHangup: boolean;
  /** A <Record> that captured nothing either falls through to the next verb (Twilio's older docs) or requests its action (§12 #1). */
  emptyRecording: 'fall-through' | 'action';
  /** What the caller hears when TwiML cannot be fetched or read and there is no fallback (§12 #13). */
  applicationErrorMessage: string;
  /** Seconds a queue's waitUrl document lasts when nothing in it takes time, so that it is not requested in a tight loop. */
  queueWaitSeconds: number;
  /** Documents a leg may run in a row without waiting for anything before it is stopped as an endless loop. */
  maxInstantDocuments: number;
  /** The Confidence sent with a SpeechResult. */
  speechConfidence: string;
}

export const defaultVoiceOptions: VoiceOptions = {
  dialActionOnCallerHangup: true,
  emptyRecording: 'fall-through',
  applicationErrorMessage: 'We are sorry, an application error has occurred. Goodbye.',
  queueWaitSeconds: 10,
  maxInstantDocuments: 100,
  speechConfidence: '0.9',
};

/** Reads `name=value` settings, rejecting unknown names and values of the wrong kind. */
export function parseVoiceOptions(settings: string[]): Partial<VoiceOptions> {
  const options: Record<string, unknown> = {};
  for (const setting of settings) {
    const equals = setting.indexOf('=');
    const name = setting.slice(0, equals);
    const value = setting.slice(equals + 1);
    if (equals < 1 || !(name in defaultVoiceOptions)) {
      throw new Error(`unknown voice option "${setting}"; the options are ${Object.keys(defaultVoiceOptions).join(', ')}`);
    }
    const current = defaultVoiceOptions[name as keyof VoiceOptions];
    if (typeof current === 'boolean') {
      if (value !== 'true' && value !== 'false') throw new Error(`voice option ${name} is true or false, not "${value}"`);
      options[name] = value === 'true';
    } else if (typeof current === 'number') {
      const number = Number(value);
      if (!/^\d+$/.test(value) || number < 1) throw new Error(`voice option ${name} is a whole number of at least 1, not "${value}"`);
      options[name] = number;
    } else if (name === 'emptyRecording') {
      if (value !== 'fall-through' && value !== 'action') throw new Error(`voice option emptyRecording is fall-through or action, not "${value}"`);
      options[name] = value;
    } else {
      options[name] = value;
    }
  }
  return options as Partial<VoiceOptions>;
}
