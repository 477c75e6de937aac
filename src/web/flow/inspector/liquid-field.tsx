import { useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { insertSuggestion, liquidTokenAt, matchSuggestions, type LiquidToken } from '../editor/liquid-suggestions.ts';
import './liquid-field.css';

interface LiquidFieldProps {
  label: string;
  /** A fuller name for screen readers than the visible label, where rows repeat it. */
  ariaLabel?: string;
  value: string;
  /** Every variable the field may name; called only when suggestions are wanted. */
  candidates(): string[];
  onChange(value: string): void;
  onFocus?(): void;
  onBlur?(): void;
  multiline?: boolean;
  required?: boolean;
  describedBy?: string;
  /** Show `label` only to screen readers (rows of inputs under one heading). */
  hiddenLabel?: boolean;
}

/**
 * A text field holding Liquid. Typing `{{` opens a list of the variables available here;
 * arrows move in it, Enter or Tab inserts, Escape closes.
 */
export function LiquidField({ label, ariaLabel, value, candidates, onChange, onFocus, onBlur, multiline, required, describedBy, hiddenLabel }: LiquidFieldProps) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [token, setToken] = useState<LiquidToken>();
  const [active, setActive] = useState(0);
  const pendingCaret = useRef<number | undefined>(undefined);
  const suggestions = useMemo(() => (token ? matchSuggestions(candidates(), token.prefix) : []), [token, candidates]);
  const open = suggestions.length > 0;

  useLayoutEffect(() => {
    if (pendingCaret.current === undefined || !field.current) return;
    field.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = undefined;
  }, [value]);

  const lookAtCaret = (text: string, caret: number | null) => {
    setToken(caret === null ? undefined : liquidTokenAt(text, caret));
    setActive(0);
  };

  const choose = (suggestion: string) => {
    if (!token) return;
    const inserted = insertSuggestion(value, token, suggestion);
    pendingCaret.current = inserted.caret;
    setToken(undefined);
    onChange(inserted.text);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      choose(suggestions[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setToken(undefined);
    }
  };

  const shared = {
    id,
    ref: field,
    value,
    required,
    className: 'liquid-input mono',
    spellCheck: false,
    'aria-label': ariaLabel,
    'aria-describedby': describedBy,
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? `${listId}-${active}` : undefined,
    onChange: (event: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      onChange(event.target.value);
      lookAtCaret(event.target.value, event.target.selectionStart);
    },
    onKeyDown,
    onFocus,
    onBlur: () => {
      setToken(undefined);
      onBlur?.();
    },
  };
  return (
    <div className="liquid-field">
      <label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : undefined}>{label}{required && <span aria-hidden="true"> *</span>}</label>
      {multiline ? <textarea rows={3} {...shared} /> : <input type="text" role="combobox" aria-expanded={open} {...shared} />}
      {open && (
        <ul id={listId} role="listbox" aria-label={`Variables for ${ariaLabel ?? label}`} className="liquid-suggestions">
          {suggestions.map((suggestion, index) => (
            <li
              key={suggestion}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => {
                event.preventDefault(); // keep the focus in the field
                choose(suggestion);
              }}
            >
              {suggestion}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
