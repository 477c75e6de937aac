import { useEffect, useRef, useState } from 'react';
import type { EmulatedCallJson } from '../../api/types.ts';

/**
 * "Read aloud": speaks each new `say` of the call with the browser's speechSynthesis, where the
 * browser has it. Turning it on speaks what comes next, not what was already said.
 */
export function useReadAloud(phoneCall: EmulatedCallJson | undefined): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  const spoken = useRef({ sid: '', count: 0 });

  useEffect(() => {
    if (!phoneCall) return;
    const { events, sid } = phoneCall;
    const from = spoken.current.sid === sid ? spoken.current.count : 0;
    spoken.current = { sid, count: events.length };
    if (!on || typeof speechSynthesis === 'undefined') return;
    for (const event of events.slice(from)) {
      if (event.type !== 'say' || !event.text) continue;
      const utterance = new SpeechSynthesisUtterance(event.text);
      if (typeof event.language === 'string') utterance.lang = event.language;
      speechSynthesis.speak(utterance);
    }
  }, [phoneCall, on]);

  useEffect(() => () => {
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
  }, []);

  const turn = (value: boolean) => {
    if (!value && typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    if (value && phoneCall) spoken.current = { sid: phoneCall.sid, count: phoneCall.events.length };
    setOn(value);
  };
  return [on, turn];
}
