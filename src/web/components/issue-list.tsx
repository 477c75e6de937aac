import type { ValidationIssue } from '../api/types.ts';
import './issue-list.css';

/** The validator's findings, each with the property path it concerns. */
export function IssueList({ issues }: { issues: ValidationIssue[] }) {
  return (
    <ul className="issue-list">
      {issues.map((issue, index) => <li key={index}><code>{issue.property_path}</code> {issue.message}</li>)}
    </ul>
  );
}
