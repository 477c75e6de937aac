import { useState } from 'react';
import type { ExecutionJson } from '../api/types.ts';
import type { FlowPanelProps } from './flow-panel-props.ts';
import { ClockControl } from './simulator/clock-control.tsx';
import { LatestExecution } from './simulator/latest-execution.tsx';
import { LineSetup } from './simulator/line-setup.tsx';
import { Phone } from './simulator/phone.tsx';
import { RestTrigger } from './simulator/rest-trigger.tsx';
import { SmsThread } from './simulator/sms-thread.tsx';
import { useSimulatorLine } from './simulator/use-simulator-line.ts';
import './simulator-panel.css';

const channels = [
  { id: 'sms', label: 'SMS' },
  { id: 'phone', label: 'Phone' },
  { id: 'rest', label: 'REST' },
] as const;
type Channel = (typeof channels)[number]['id'];

/**
 * Runs the flow as it is on the canvas, draft included (the handset is made a test user): text it,
 * call it, start it over REST, and move the virtual clock, while the latest execution is followed.
 */
export function SimulatorPanel(props: FlowPanelProps) {
  const { flow } = props;
  const line = useSimulatorLine(props);
  const [channel, setChannel] = useState<Channel>('sms');
  const [refreshToken, setRefreshToken] = useState(0);
  const [started, setStarted] = useState<ExecutionJson>();
  const handset = line.handsetValid ? line.handset : undefined;
  const contacts = [handset, started?.contact_channel_address].filter((contact): contact is string => contact !== undefined);
  const flowNumber = line.flowNumber?.phone_number;
  const channelProps = handset && flowNumber ? { handset, flowNumber, prepare: line.prepare, refreshToken } : undefined;
  const unavailable = !flowNumber ? 'Give this flow a number to text or call it.' : 'Enter the handset’s number above.';

  return (
    <div className="simulator">
      <LineSetup line={line} webhookUrl={flow.webhook_url} />
      <ClockControl beforeAdvance={async () => void (await props.saveDraft())} onAdvanced={() => setRefreshToken((token) => token + 1)} />
      <LatestExecution flowSid={flow.sid} contacts={contacts} started={started} refreshToken={refreshToken} showPath={props.showPath} />
      <div role="tablist" className="tabs simulator-tabs" aria-label="Simulator channel">
        {channels.map((each) => (
          <button key={each.id} type="button" role="tab" id={`simulator-tab-${each.id}`} aria-selected={channel === each.id} aria-controls={`simulator-panel-${each.id}`} onClick={() => setChannel(each.id)}>
            {each.label}
          </button>
        ))}
      </div>
      {/* Each channel stays mounted while hidden, so a call goes on while the SMS thread shows. */}
      {channels.map((each) => (
        <div key={each.id} role="tabpanel" id={`simulator-panel-${each.id}`} aria-labelledby={`simulator-tab-${each.id}`} hidden={channel !== each.id} className="simulator-channel">
          {each.id === 'rest' ? <RestTrigger flowSid={flow.sid} handset={line.handset} flowNumber={flowNumber} prepare={line.prepare} onStarted={setStarted} />
            : !channelProps ? <p className="muted">{unavailable}</p>
            : each.id === 'sms' ? <SmsThread {...channelProps} />
            : <Phone {...channelProps} />}
        </div>
      ))}
    </div>
  );
}
