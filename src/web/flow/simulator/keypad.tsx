const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
const spoken: Record<string, string> = { '*': 'star', '#': 'pound' };

/** A phone's twelve keys; each press sends its digit at once, as a real keypad does. */
export function Keypad({ disabled, onKey }: { disabled: boolean; onKey(key: string): void }) {
  return (
    <div className="keypad" role="group" aria-label="Keypad">
      {keys.map((key) => (
        <button key={key} type="button" aria-label={`Key ${spoken[key] ?? key}`} disabled={disabled} onClick={() => onKey(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
