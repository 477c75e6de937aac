export interface LayoutNode {
  id: string;
  width: number;
  height: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
}

export interface Point {
  x: number;
  y: number;
}

const rankGap = 90;
const nodeGap = 40;
const orderingSweeps = 4;

/**
 * A small layered layout, top to bottom along the edges, for flows without canvas positions:
 * edges that close a cycle are set aside, each node goes one layer below its lowest
 * predecessor, and a few sweeps order each layer by its predecessors' positions so that edges
 * cross less. Returns each node's top-left corner; nodes come in `nodes` order, the first being
 * where depth-first search starts.
 */
export function layeredLayout(nodes: LayoutNode[], edges: LayoutEdge[]): Map<string, Point> {
  const successors = new Map(nodes.map((node) => [node.id, [] as string[]]));
  for (const edge of edges) if (edge.from !== edge.to && successors.has(edge.to)) successors.get(edge.from)?.push(edge.to);
  const { order, discovered, forward } = acyclicOrder(nodes, successors);

  const rank = new Map(order.map((id) => [id, 0]));
  for (const id of order) for (const next of forward.get(id)!) rank.set(next, Math.max(rank.get(next)!, rank.get(id)! + 1));

  const predecessors = new Map(order.map((id) => [id, [] as string[]]));
  for (const id of order) for (const next of forward.get(id)!) predecessors.get(next)!.push(id);
  // Layers start in the order the search met their nodes: successors in edge order, left to right.
  const layers: string[][] = [];
  for (const id of discovered) (layers[rank.get(id)!] ??= []).push(id);
  const slot = new Map<string, number>();
  layers.forEach((layer) => layer.forEach((id, index) => slot.set(id, index)));
  for (let sweep = 0; sweep < orderingSweeps; sweep++) {
    for (const layer of layers.slice(1)) {
      const barycentre = (id: string) => {
        const above = predecessors.get(id)!.map((parent) => slot.get(parent)!);
        return above.length === 0 ? slot.get(id)! : above.reduce((sum, value) => sum + value, 0) / above.length;
      };
      const weights = new Map(layer.map((id) => [id, barycentre(id)]));
      layer.sort((a, b) => weights.get(a)! - weights.get(b)!);
      layer.forEach((id, index) => slot.set(id, index));
    }
  }

  const size = new Map(nodes.map((node) => [node.id, node]));
  const positions = new Map<string, Point>();
  let top = 0;
  for (const layer of layers) {
    const width = layer.reduce((sum, id) => sum + size.get(id)!.width, 0) + nodeGap * (layer.length - 1);
    let left = -width / 2;
    for (const id of layer) {
      positions.set(id, { x: Math.round(left), y: top });
      left += size.get(id)!.width + nodeGap;
    }
    top += Math.max(...layer.map((id) => size.get(id)!.height)) + rankGap;
  }
  return positions;
}

/**
 * Nodes in topological order of the forward edges and in the order first met, from an iterative
 * depth-first search (every edge to a node still on the search path closes a cycle and is left out).
 */
function acyclicOrder(nodes: LayoutNode[], successors: Map<string, string[]>): { order: string[]; discovered: string[]; forward: Map<string, string[]> } {
  const forward = new Map(nodes.map((node) => [node.id, [] as string[]]));
  const state = new Map<string, 'open' | 'done'>();
  const finished: string[] = [];
  const discovered: string[] = [];
  for (const root of nodes) {
    if (state.has(root.id)) continue;
    state.set(root.id, 'open');
    discovered.push(root.id);
    const stack = [{ id: root.id, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const child = successors.get(frame.id)![frame.next++];
      if (child === undefined) {
        state.set(frame.id, 'done');
        finished.push(frame.id);
        stack.pop();
      } else if (state.get(child) !== 'open') {
        forward.get(frame.id)!.push(child);
        if (!state.has(child)) {
          state.set(child, 'open');
          discovered.push(child);
          stack.push({ id: child, next: 0 });
        }
      }
    }
  }
  return { order: finished.reverse(), discovered, forward };
}
