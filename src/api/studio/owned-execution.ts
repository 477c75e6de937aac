import { resourceNotFound } from '../../errors.ts';
import type { AccountRecord, ExecutionRecord, FlowRecord } from '../../store/records.ts';
import type { Store } from '../../store/store.ts';
import { ownedFlow } from './owned-flow.ts';

/** The execution and its flow, if both exist, the flow is the account's and the execution the flow's; Twilio's 404 otherwise. */
export async function ownedExecution(store: Store, account: AccountRecord, flowSid: string, sid: string): Promise<{ flow: FlowRecord; execution: ExecutionRecord }> {
  const flow = await ownedFlow(store, account, flowSid);
  const execution = await store.getExecution(sid);
  if (!execution || execution.flowSid !== flow.sid) throw resourceNotFound(`/Flows/${flowSid}/Executions/${sid}`);
  return { flow, execution };
}
