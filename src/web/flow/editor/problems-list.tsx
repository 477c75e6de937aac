import type { IssueIndex } from './validation-issues.ts';
import './problems-list.css';

/** Every error and warning of the last check; a widget's issue selects that widget. */
export function ProblemsList({ issues, onSelect }: { issues: IssueIndex; onSelect(name: string): void }) {
  if (issues.all.length === 0) return null;
  const errors = issues.all.filter((issue) => issue.severity === 'error').length;
  return (
    <section className="problems" aria-labelledby="problems-heading">
      <h2 id="problems-heading">Problems <span className="muted">{errors} {errors === 1 ? 'error' : 'errors'}, {issues.all.length - errors} {issues.all.length - errors === 1 ? 'warning' : 'warnings'}</span></h2>
      <ul role="list">
        {issues.all.map((issue, index) => (
          <li key={index} className={issue.severity}>
            {issue.widget !== undefined ? (
              <button type="button" className="link-button" onClick={() => onSelect(issue.widget!)}>
                <span className={`problem-kind ${issue.severity}`}>{issue.severity}</span> <strong>{issue.widget}</strong>: {issue.message}
              </button>
            ) : (
              <span><span className={`problem-kind ${issue.severity}`}>{issue.severity}</span> {issue.message}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
