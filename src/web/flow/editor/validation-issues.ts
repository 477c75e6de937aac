import type { FlowDefinition, ValidationIssue } from '../../api/types.ts';

export interface Issue extends ValidationIssue {
  severity: 'error' | 'warning';
  /** The widget the issue is about, when its path points into one. */
  widget: string | undefined;
}

/** The validator's issues, each tied to its widget, and the widgets' issues by name. */
export interface IssueIndex {
  all: Issue[];
  byWidget: Map<string, Issue[]>;
}

export const noIssues: IssueIndex = { all: [], byWidget: new Map() };

/** Ties each issue to a widget through its `#/states/N/…` path, N indexing the definition checked. */
export function indexIssues(definition: FlowDefinition, errors: ValidationIssue[], warnings: ValidationIssue[]): IssueIndex {
  const byWidget = new Map<string, Issue[]>();
  const tie = (issue: ValidationIssue, severity: Issue['severity']): Issue => {
    const index = /^#\/states\/(\d+)(\/|$)/.exec(issue.property_path)?.[1];
    const widget = index === undefined ? undefined : definition.states[Number(index)]?.name;
    const tied = { ...issue, severity, widget };
    if (widget !== undefined) byWidget.set(widget, [...(byWidget.get(widget) ?? []), tied]);
    return tied;
  };
  return { all: [...errors.map((issue) => tie(issue, 'error')), ...warnings.map((issue) => tie(issue, 'warning'))], byWidget };
}
