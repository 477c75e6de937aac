import { useId } from 'react';
import type { PropertyTypeJson } from '../../api/types.ts';
import { humanise } from './humanise.ts';
import { JsonField } from './json-field.tsx';
import { KeyValueRows } from './key-value-rows.tsx';
import { LiquidField } from './liquid-field.tsx';

interface PropertyFieldProps {
  name: string;
  spec: PropertyTypeJson;
  value: unknown;
  onChange(value: unknown): void;
  onFocus(): void;
  onBlur(): void;
  candidates(): string[];
}

/** Properties whose text is usually long enough for a text area. */
const longTextProperties = new Set(['body', 'say']);

/**
 * One property's control, chosen by its spec alone: an enum is a select, a boolean a checkbox,
 * a number a number input, text an input (Liquid text gets autocomplete), a key/value list
 * rows, and any other array or object JSON.
 */
export function PropertyField({ name, spec, value, onChange, onFocus, onBlur, candidates }: PropertyFieldProps) {
  const id = useId();
  const label = humanise(name);
  const helpId = spec.description ? `${id}-help` : undefined;
  const help = spec.description && <p id={helpId} className="field-help">{spec.description}</p>;
  const marker = spec.required && <span aria-hidden="true"> *</span>;
  const only = (type: PropertyTypeJson['types'][number]) => spec.types.length === 1 && spec.types[0] === type;

  if (spec.enum) {
    const options = typeof value === 'string' && value !== '' && !spec.enum.includes(value) ? [value, ...spec.enum] : spec.enum;
    return (
      <div className="field">
        <label htmlFor={id}>{label}{marker}</label>
        <select id={id} value={typeof value === 'string' ? value : ''} required={spec.required} aria-describedby={helpId} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}>
          {!spec.required && <option value="">(not set)</option>}
          {options.map((option) => <option key={option} value={option}>{option}</option>)}
        </select>
        {help}
      </div>
    );
  }
  if (only('boolean')) {
    return (
      <div className="field">
        <label className="checkbox-label">
          <input type="checkbox" checked={value === true} aria-describedby={helpId} onChange={(event) => onChange(event.target.checked)} />
          {label}{marker}
        </label>
        {help}
      </div>
    );
  }
  if (spec.types.every((type) => type === 'integer' || type === 'number')) {
    return (
      <div className="field">
        <label htmlFor={id}>{label}{marker}</label>
        <input
          id={id}
          type="number"
          step={only('integer') ? 1 : 'any'}
          required={spec.required}
          aria-describedby={helpId}
          value={typeof value === 'number' ? value : ''}
          onFocus={onFocus}
          onBlur={onBlur}
          onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
        />
        {help}
      </div>
    );
  }
  if (spec.types.includes('string')) {
    const text = value === undefined || value === null ? '' : String(value);
    if (spec.liquid) {
      return (
        <div className="field">
          <LiquidField label={label} value={text} candidates={candidates} required={spec.required} describedBy={helpId} multiline={longTextProperties.has(name) || text.length > 60 || text.includes('\n')} onFocus={onFocus} onBlur={onBlur} onChange={(next) => onChange(next === '' ? undefined : next)} />
          {help}
        </div>
      );
    }
    return (
      <div className="field">
        <label htmlFor={id}>{label}{marker}</label>
        <input id={id} type="text" className="mono" required={spec.required} aria-describedby={helpId} value={text} onFocus={onFocus} onBlur={onBlur} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />
        {help}
      </div>
    );
  }
  if (spec.key_value_items) {
    return (
      <div className="field">
        <KeyValueRows label={label} value={value} candidates={candidates} onChange={onChange} onFocus={onFocus} onBlur={onBlur} />
        {help}
      </div>
    );
  }
  return (
    <div className="field">
      <JsonField label={`${label}${spec.required ? ' *' : ''}`} value={value} describedBy={helpId} onChange={onChange} onFocus={onFocus} onBlur={onBlur} />
      {help}
    </div>
  );
}
