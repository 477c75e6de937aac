import { resourceNotFound } from '../../errors.ts';
import type { AccountRecord, FlowRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';

/** The flow, if it exists and belongs to the account; Twilio's 404 otherwise. */
export async function ownedFlow(store: Store, account: AccountRecord, sid: string): Promise<FlowRecord> {
  const flow = await store.getFlow(sid);
  if (!flow || flow.accountSid !== account.sid) throw resourceNotFound(`/Flows/${sid}`);
  return flow;
}
