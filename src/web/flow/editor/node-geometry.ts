import type { WidgetState, WidgetTypeJson } from '../../api/types.ts';
import { widgetHandles } from './widget-handles.ts';

/**
 * A widget node's size and handle places, computed rather than measured: React Flow then needs
 * no DOM measurement for nodes off screen, which keeps a 2,000-widget flow fast. The node's CSS
 * draws it with exactly these numbers.
 */
export const nodeHeight = 96;
export const handleSize = 10;
const minimumWidth = 240;
const slotWidth = 104;

export function nodeWidth(handleCount: number): number {
  return Math.max(minimumWidth, handleCount * slotWidth);
}

/** The x of the centre of the i-th of n source handles, spread evenly along the bottom edge. */
export function handleCentre(index: number, count: number, width: number): number {
  return Math.round(((index + 0.5) * width) / count);
}

/** A widget's node size, from its handles. */
export function widgetSize(state: WidgetState, types: ReadonlyMap<string, WidgetTypeJson>): { width: number; height: number } {
  return { width: nodeWidth(widgetHandles(state, types.get(state.type)).length), height: nodeHeight };
}
