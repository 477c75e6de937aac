import { useRef } from 'react';
import type { FlowDefinition } from '../../api/types.ts';
import type { FlowEditor } from '../editor/use-flow-editor.ts';

/** Typing in a field: each key shows at once, and the whole field edit is one undo step. */
export interface LiveEdit {
  /** The field got focus: the undo step starts here. */
  begin(): void;
  change(next: FlowDefinition): void;
  /** The field lost focus: record the step. */
  end(): void;
}

export function useLiveEdit(editor: FlowEditor): LiveEdit {
  const base = useRef<FlowDefinition | undefined>(undefined);
  return {
    begin() {
      base.current ??= editor.current();
    },
    change(next) {
      if (base.current) editor.preview(next);
      else editor.commit(next);
    },
    end() {
      if (base.current) editor.commit(editor.current(), base.current);
      base.current = undefined;
    },
  };
}
