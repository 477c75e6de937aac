import { useState, type KeyboardEvent } from 'react';
import './json-tree.css';

type Json = unknown;

/**
 * A JSON value as a collapsible tree. Each object and array has a toggle button (aria-expanded):
 * Enter or Space toggles it, the Right arrow opens it and the Left arrow closes it.
 */
export function JsonTree({ value, label, expandedDepth = 1 }: { value: Json; label: string; expandedDepth?: number }) {
  if (!isBranch(value)) return <div className="json-tree"><Leaf value={value} /></div>;
  return (
    <ul className="json-tree" aria-label={label}>
      {entriesOf(value).map(([key, child]) => <JsonNode key={key} name={key} value={child} depth={1} expandedDepth={expandedDepth} />)}
      {entriesOf(value).length === 0 && <li className="json-empty">{Array.isArray(value) ? '[ ]' : '{ }'}</li>}
    </ul>
  );
}

function JsonNode({ name, value, depth, expandedDepth }: { name: string; value: Json; depth: number; expandedDepth: number }) {
  const [expanded, setExpanded] = useState(depth <= expandedDepth);
  if (!isBranch(value)) {
    return (
      <li className="json-leaf">
        <span className="json-key">{name}</span>: <Leaf value={value} />
      </li>
    );
  }
  const entries = entriesOf(value);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      setExpanded(event.key === 'ArrowRight');
    }
  };
  return (
    <li className="json-branch">
      <button type="button" className="json-toggle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)} onKeyDown={onKeyDown}>
        <span className="json-key">{name}</span>{' '}
        <span className="json-summary">{summaryOf(value)}</span>
      </button>
      {expanded && (
        <ul>
          {entries.map(([key, child]) => <JsonNode key={key} name={key} value={child} depth={depth + 1} expandedDepth={expandedDepth} />)}
          {entries.length === 0 && <li className="json-empty">empty</li>}
        </ul>
      )}
    </li>
  );
}

function Leaf({ value }: { value: Json }) {
  if (typeof value === 'string') return <span className="json-string">"{value}"</span>;
  if (value === null || value === undefined) return <span className="json-null">null</span>;
  return <span className={`json-${typeof value}`}>{String(value)}</span>;
}

function isBranch(value: Json): value is Record<string, Json> | Json[] {
  return typeof value === 'object' && value !== null;
}

function entriesOf(value: Record<string, Json> | Json[]): Array<[string, Json]> {
  return Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
}

function summaryOf(value: Record<string, Json> | Json[]): string {
  const count = entriesOf(value).length;
  if (Array.isArray(value)) return `[${count} ${count === 1 ? 'item' : 'items'}]`;
  return `{${count} ${count === 1 ? 'key' : 'keys'}}`;
}
