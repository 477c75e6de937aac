import { useCallback, useEffect, useRef, useState } from 'react';
import { accountPath, call } from '../../api/client.ts';
import type { NumberJson } from '../../api/types.ts';
import { listExecutions } from '../executions/execution-api.ts';
import type { FlowPanelProps } from '../flow-panel-props.ts';
import { storedHandset, storeHandset, usedHandsets } from './handset-storage.ts';
import { defaultHandset, firstFlowNumber, isE164, nextFreeNumber, numbersOfFlow } from './phone-numbers.ts';

/** The two ends the simulator connects: the flow's number and the handset that texts and calls it. */
export interface SimulatorLine {
  /** The numbers pointing at the flow; undefined while loading. */
  flowNumbers?: NumberJson[];
  flowNumber?: NumberJson;
  selectFlowNumber(phoneNumber: string): void;
  /** Buys the next free +1 555 number with both webhooks on the flow. */
  giveFlowNumber(): Promise<void>;
  /** The handset as typed; `handsetValid` says whether it is E.164. */
  handset: string;
  handsetValid: boolean;
  setHandset(value: string): void;
  /** Switches to a number no simulator handset, flow number or recent contact of this flow has used. */
  newHandset(): Promise<void>;
  /**
   * Before every action: saves the draft, and makes the contact a test user of the flow, so that
   * it runs the latest revision (the draft) rather than the published one.
   */
  prepare(contact: string): Promise<void>;
}

interface TestUsersJson {
  test_users: string[];
}

export function useSimulatorLine({ flow, saveDraft }: Pick<FlowPanelProps, 'flow' | 'saveDraft'>): SimulatorLine {
  const [accountNumbers, setAccountNumbers] = useState<NumberJson[]>();
  const [selected, setSelected] = useState<string>();
  /** Contacts already made test users of this flow while this panel is open. */
  const madeTestUsers = useRef(new Set<string>());
  const [handset, setHandsetText] = useState(() => storedHandset(flow.sid));

  const loadNumbers = useCallback(async () => {
    const page = await call<{ incoming_phone_numbers: NumberJson[] }>('GET', `${accountPath()}/IncomingPhoneNumbers.json?PageSize=1000`);
    setAccountNumbers(page.incoming_phone_numbers);
    return page.incoming_phone_numbers;
  }, []);
  useEffect(() => {
    void loadNumbers().catch(() => setAccountNumbers([]));
  }, [loadNumbers]);

  const flowNumbers = accountNumbers && numbersOfFlow(accountNumbers, flow.webhook_url);
  const flowNumber = flowNumbers?.find((number) => number.phone_number === selected) ?? flowNumbers?.[0];

  const setHandset = (value: string) => {
    setHandsetText(value);
    if (isE164(value)) storeHandset(flow.sid, value);
  };

  return {
    flowNumbers,
    flowNumber,
    selectFlowNumber: setSelected,
    async giveFlowNumber() {
      const numbers = await loadNumbers();
      const phoneNumber = nextFreeNumber(firstFlowNumber, [...numbers.map((number) => number.phone_number), ...usedHandsets(), handset]);
      await call('POST', `${accountPath()}/IncomingPhoneNumbers.json`, {
        PhoneNumber: phoneNumber,
        FriendlyName: flow.friendly_name,
        SmsUrl: flow.webhook_url,
        VoiceUrl: flow.webhook_url,
      });
      await loadNumbers();
      setSelected(phoneNumber);
    },
    handset,
    handsetValid: isE164(handset),
    setHandset,
    async newHandset() {
      const [numbers, recent] = await Promise.all([loadNumbers(), listExecutions(flow.sid, {})]);
      const used = [...numbers.map((number) => number.phone_number), ...usedHandsets(), ...recent.executions.map((execution) => execution.contact_channel_address), handset];
      setHandset(nextFreeNumber(defaultHandset, used));
    },
    async prepare(contact: string) {
      await saveDraft();
      // A key press or a word on a live call needs no second look at the test users.
      if (madeTestUsers.current.has(contact)) return;
      const testUsersPath = `/v2/Flows/${flow.sid}/TestUsers`;
      const { test_users } = await call<TestUsersJson>('GET', testUsersPath);
      if (!test_users.includes(contact)) await call('POST', testUsersPath, { TestUsers: [...test_users, contact] });
      madeTestUsers.current.add(contact);
    },
  };
}
