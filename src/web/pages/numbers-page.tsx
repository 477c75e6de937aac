import { useCallback, useEffect, useState } from 'react';
import { accountPath, call } from '../api/client.ts';
import type { FlowJson, NumberJson, TwimlBinJson } from '../api/types.ts';
import { BuyNumberDialog } from '../components/buy-number-dialog.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { NumberActivity } from '../components/number-activity.tsx';
import { NumberRoutingForm } from '../components/number-routing-form.tsx';
import { numberTarget } from '../components/number-target.ts';
import { navigate, useRoute } from '../router.ts';
import './numbers-page.css';

interface Catalogue {
  numbers: NumberJson[];
  flows: FlowJson[];
  bins: TwimlBinJson[];
}

/**
 * The account's emulated numbers, what their calls and messages go to, and (for the number the
 * route names, `#/numbers/PN…`) its settings and its recent traffic.
 */
export function NumbersPage() {
  const route = useRoute();
  const selectedSid = route.segments[1];
  const [catalogue, setCatalogue] = useState<Catalogue>();
  const [error, setError] = useState<unknown>();
  const [buying, setBuying] = useState(false);

  const reload = useCallback(async () => {
    try {
      const [numbers, flows, bins] = await Promise.all([
        call<{ incoming_phone_numbers: NumberJson[] }>('GET', `${accountPath()}/IncomingPhoneNumbers.json?PageSize=1000`),
        call<{ flows: FlowJson[] }>('GET', '/v2/Flows?PageSize=1000'),
        call<{ twiml_bins: TwimlBinJson[] }>('GET', '/emulator/v1/TwimlBins?PageSize=1000'),
      ]);
      setCatalogue({ numbers: numbers.incoming_phone_numbers, flows: flows.flows, bins: bins.twiml_bins });
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const selected = catalogue?.numbers.find((number) => number.sid === selectedSid);
  const replaceNumber = (updated: NumberJson) =>
    setCatalogue((current) => current && { ...current, numbers: current.numbers.map((number) => (number.sid === updated.sid ? updated : number)) });
  return (
    <section className="page numbers-page" aria-labelledby="numbers-heading">
      <div className="numbers-toolbar">
        <h1 id="numbers-heading">Numbers</h1>
        <button type="button" className="primary" onClick={() => setBuying(true)}>Buy a number</button>
      </div>
      <ErrorAlert error={error} />
      {!catalogue ? <p className="muted">Loading…</p> : (
        <>
          {catalogue.numbers.length === 0 ? <p className="muted">No numbers yet: buy one, then point it at a flow.</p> : (
            <table className="numbers-table">
              <thead>
                <tr><th scope="col">Number</th><th scope="col">Friendly name</th><th scope="col">Voice</th><th scope="col">Messaging</th></tr>
              </thead>
              <tbody>
                {catalogue.numbers.map((number) => (
                  <tr key={number.sid} aria-current={number.sid === selectedSid ? 'true' : undefined}>
                    <td><a href={`#/numbers/${number.sid}`} className="mono">{number.phone_number}</a></td>
                    <td>{number.friendly_name}</td>
                    <td><TargetLabel url={number.voice_url} catalogue={catalogue} /></td>
                    <td><TargetLabel url={number.sms_url} catalogue={catalogue} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {selected ? (
            <section className="number-detail" aria-labelledby="number-heading">
              <h2 id="number-heading">{selected.phone_number} <span className="muted">{selected.friendly_name}</span></h2>
              <div className="number-detail-columns">
                <NumberRoutingForm key={selected.sid} number={selected} flows={catalogue.flows} bins={catalogue.bins} onSaved={replaceNumber} />
                <NumberActivity phoneNumber={selected.phone_number} />
              </div>
            </section>
          ) : catalogue.numbers.length > 0 && <p className="muted">Choose a number to edit it and see its recent messages and calls.</p>}
        </>
      )}
      {buying && (
        <BuyNumberDialog
          onClose={() => setBuying(false)}
          onBought={(number) => {
            setBuying(false);
            setCatalogue((current) => current && { ...current, numbers: [...current.numbers, number] });
            navigate(`/numbers/${number.sid}`);
          }}
        />
      )}
    </section>
  );
}

/** What a webhook URL points at: a flow (linked) or a TwiML Bin by name, else the URL itself. */
function TargetLabel({ url, catalogue }: { url: string | null; catalogue: Catalogue }) {
  const target = numberTarget(url, catalogue.flows, catalogue.bins);
  if (target.kind === 'flow') {
    const flow = catalogue.flows.find((each) => each.sid === target.flowSid)!;
    return <>Flow <a href={`#/flows/${flow.sid}`}>{flow.friendly_name}</a></>;
  }
  if (target.kind === 'bin') return <>TwiML Bin {catalogue.bins.find((bin) => bin.sid === target.binSid)!.friendly_name}</>;
  if (target.kind === 'url') return <span className="mono target-url">{target.url}</span>;
  return <span className="muted">—</span>;
}
