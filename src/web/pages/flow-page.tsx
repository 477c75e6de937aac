import type { Route } from '../router.ts';

/** Placeholder until the canvas editor lands. */
export function FlowPage({ flowSid }: { flowSid: string; route: Route }) {
  return <h1>{flowSid}</h1>;
}
