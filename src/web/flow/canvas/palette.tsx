import { useId, useState, type DragEvent } from 'react';
import type { WidgetTypeJson } from '../../api/types.ts';
import { widgetDragType } from './flow-canvas.tsx';
import { WidgetIcon } from './widget-icon.tsx';
import './palette.css';

/** Studio's palette groups, in its order. */
const groupOrder: WidgetTypeJson['group'][] = ['Flow Control', 'Voice', 'Messaging', 'Tools & Execute Code', 'Connect Other Products', 'Legacy'];

/**
 * Every widget type, grouped as Studio groups them. Drag one onto the canvas, or press it to
 * add it below the selected widget.
 */
export function Palette({ types, onAdd }: { types: ReadonlyMap<string, WidgetTypeJson>; onAdd(type: string): void }) {
  const [filter, setFilter] = useState('');
  const id = useId();
  const wanted = filter.trim().toLowerCase();
  const shown = [...types.values()].filter((type) => type.type !== 'trigger' && (!wanted || `${type.label} ${type.type}`.toLowerCase().includes(wanted)));
  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(widgetDragType, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <nav className="palette" aria-label="Widget palette">
      <input type="search" className="palette-filter" aria-label="Filter widgets" placeholder="Filter widgets" value={filter} onChange={(event) => setFilter(event.target.value)} />
      {groupOrder.map((group) => {
        const inGroup = shown.filter((type) => type.group === group);
        if (inGroup.length === 0) return null;
        return (
          <section key={group} aria-labelledby={`${id}-${group}`}>
            <h2 id={`${id}-${group}`} className="palette-group">{group}</h2>
            <ul>
              {inGroup.map((type) => (
                <li key={type.type}>
                  <button type="button" draggable onDragStart={(event) => onDragStart(event, type.type)} onClick={() => onAdd(type.type)} aria-label={`Add ${type.label}${type.runs ? '' : ' (does not run here)'}`} title={type.runs ? `Drag onto the canvas, or press to add below the selected widget` : 'Switchboard cannot run this widget type yet'}>
                    <WidgetIcon group={type.group} />
                    <span className="palette-label">{type.label}</span>
                    {!type.runs && <span className="palette-no-run" aria-hidden="true">✕</span>}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {shown.length === 0 && <p className="muted">No widget matches.</p>}
    </nav>
  );
}
