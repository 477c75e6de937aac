/** The widgets an execution entered, in order, from its steps: a flow test's `path` (the Trigger is never entered; `Ended` is not a widget). */
export function enteredWidgets(steps: Array<{ transitioned_to: string }>): string[] {
  return steps.map((step) => step.transitioned_to).filter((name) => name !== 'Ended');
}
