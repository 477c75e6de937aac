import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';
import type { FlowChecksJson, FlowDefinition } from '../../api/types.ts';
import { indexIssues, noIssues, type IssueIndex } from './validation-issues.ts';

const checkDelay = 400;

/** The server validator's verdict on the definition, asked 400 ms after the last change. */
export function useFlowChecks(definition: FlowDefinition, enabled: boolean): IssueIndex {
  const [issues, setIssues] = useState<IssueIndex>(noIssues);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    const timer = setTimeout(() => {
      call<FlowChecksJson>('POST', '/app/v1/FlowChecks', { Definition: JSON.stringify(definition) }).then(
        (checks) => current && setIssues(indexIssues(definition, checks.errors, checks.warnings)),
        () => undefined,
      );
    }, checkDelay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [definition, enabled]);
  return issues;
}
