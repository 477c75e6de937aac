import { useId, useState } from 'react';

interface JsonFieldProps {
  label: string;
  value: unknown;
  describedBy?: string;
  onChange(value: unknown): void;
  onFocus(): void;
  onBlur(): void;
}

/** An array or object property as JSON text; text that does not parse is kept and explained. */
export function JsonField({ label, value, describedBy, onChange, onFocus, onBlur }: JsonFieldProps) {
  const id = useId();
  const shown = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [draft, setDraft] = useState<{ text: string; error: string } | undefined>();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="mono"
        rows={Math.min(10, Math.max(3, (draft?.text ?? shown).split('\n').length))}
        spellCheck={false}
        value={draft?.text ?? shown}
        aria-invalid={draft ? true : undefined}
        aria-describedby={[draft ? `${id}-error` : undefined, describedBy].filter(Boolean).join(' ') || undefined}
        onFocus={onFocus}
        onBlur={onBlur}
        onChange={(event) => {
          const text = event.target.value;
          if (text.trim() === '') {
            setDraft(undefined);
            onChange(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(text);
            setDraft(undefined);
            onChange(parsed);
          } catch (error) {
            setDraft({ text, error: (error as Error).message });
          }
        }}
      />
      {draft && <p id={`${id}-error`} className="field-help error" role="alert">Not JSON: {draft.error}</p>}
    </>
  );
}
