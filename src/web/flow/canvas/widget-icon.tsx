import type { WidgetTypeJson } from '../../api/types.ts';

/** One small line icon per palette group (24×24 paths, drawn with the text colour). */
const groupPaths: Record<WidgetTypeJson['group'], string> = {
  'Flow Control': 'M6 3v12M6 15a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM18 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM18 9c0 6-12 3-12 6',
  Voice: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2',
  Messaging: 'M4 5h16v11H9l-5 4z',
  'Tools & Execute Code': 'M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16',
  'Connect Other Products': 'M9 2v6M15 2v6M6 8h12v4a6 6 0 0 1-12 0zM12 18v4',
  Legacy: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
};

export function WidgetIcon({ group }: { group: WidgetTypeJson['group'] | undefined }) {
  return (
    <svg className="widget-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={groupPaths[group ?? 'Legacy']} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
