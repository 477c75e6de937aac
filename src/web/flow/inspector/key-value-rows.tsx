import { LiquidField } from './liquid-field.tsx';

interface KeyValueItem {
  key: string;
  value: string;
}

interface KeyValueRowsProps {
  label: string;
  value: unknown;
  candidates(): string[];
  onChange(value: unknown): void;
  onFocus(): void;
  onBlur(): void;
}

/** A `[{key, value}]` property as rows: a literal key and a Liquid value each. */
export function KeyValueRows({ label, value, candidates, onChange, onFocus, onBlur }: KeyValueRowsProps) {
  const items: KeyValueItem[] = Array.isArray(value) ? value.map((item: Partial<KeyValueItem>) => ({ key: String(item?.key ?? ''), value: String(item?.value ?? '') })) : [];
  const write = (next: KeyValueItem[]) => onChange(next.length > 0 ? next : undefined);
  const edit = (index: number, change: Partial<KeyValueItem>) => write(items.map((item, at) => (at === index ? { ...item, ...change } : item)));
  return (
    <fieldset className="rows">
      <legend>{label}</legend>
      {items.map((item, index) => (
        <div key={index} className="row key-value-row">
          <input type="text" className="mono" aria-label={`${label} ${index + 1} key`} placeholder="key" value={item.key} onFocus={onFocus} onBlur={onBlur} onChange={(event) => edit(index, { key: event.target.value })} />
          <LiquidField label={`${label} ${index + 1} value`} hiddenLabel value={item.value} candidates={candidates} onFocus={onFocus} onBlur={onBlur} onChange={(next) => edit(index, { value: next })} />
          <button type="button" className="icon-button" aria-label={`Remove ${label} ${index + 1}`} onClick={() => write(items.filter((_, at) => at !== index))}>✕</button>
        </div>
      ))}
      <button type="button" onClick={() => write([...items, { key: '', value: '' }])}>Add {label.toLowerCase()}</button>
    </fieldset>
  );
}
