import { Panel, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import type { FlowDefinition, WidgetTypeJson } from '../../api/types.ts';
import { widgetSize } from '../editor/node-geometry.ts';
import './flow-minimap.css';

/** The minimap's size; smaller when the canvas is narrow (a 1024-pixel window). */
const sizes = { wide: { width: 200, height: 140 }, narrow: { width: 150, height: 105 } };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The whole flow in small, with the part in view outlined; press or drag on it to move there.
 * It draws on a canvas: React Flow's own minimap keeps a store subscription per widget, which
 * slows every drag and keystroke in a 2,000-widget flow.
 */
export function FlowMiniMap({ definition, types, selected }: { definition: FlowDefinition; types: ReadonlyMap<string, WidgetTypeJson>; selected: ReadonlySet<string> }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const flow = useReactFlow();
  const [x, y, zoom] = useStore((state) => state.transform);
  const paneWidth = useStore((state) => state.width);
  const paneHeight = useStore((state) => state.height);
  const { width, height } = paneWidth < 640 ? sizes.narrow : sizes.wide;
  const boxes = useMemo(() => definition.states.map((state) => ({
    name: state.name,
    ...(state.properties.offset ?? { x: 0, y: 0 }),
    ...widgetSize(state, types),
  })), [definition, types]);
  const view: Box = { x: -x / zoom, y: -y / zoom, width: paneWidth / zoom, height: paneHeight / zoom };
  const scene = bounds([...boxes, view]);
  const scale = Math.max(scene.width / width, scene.height / height);
  // Centre the scene in the minimap.
  const origin = { x: scene.x - (width * scale - scene.width) / 2, y: scene.y - (height * scale - scene.height) / 2 };

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const ratio = window.devicePixelRatio || 1;
    context.setTransform(ratio / scale, 0, 0, ratio / scale, -origin.x * ratio / scale, -origin.y * ratio / scale);
    context.clearRect(origin.x, origin.y, width * scale, height * scale);
    for (const box of boxes) {
      context.fillStyle = selected.has(box.name) ? '#2952cc' : '#c3c9d4';
      context.fillRect(box.x, box.y, box.width, box.height);
    }
    context.fillStyle = 'rgb(28 35 48 / 8%)';
    context.fillRect(origin.x, origin.y, width * scale, height * scale);
    context.clearRect(view.x, view.y, view.width, view.height);
    for (const box of boxes) {
      if (overlaps(box, view)) {
        context.fillStyle = selected.has(box.name) ? '#2952cc' : '#c3c9d4';
        context.fillRect(box.x, box.y, box.width, box.height);
      }
    }
    context.strokeStyle = '#2952cc';
    context.lineWidth = 2 * scale;
    context.strokeRect(view.x, view.y, view.width, view.height);
  });

  const moveTo = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.buttons !== 1) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const point = { x: origin.x + (event.clientX - rect.left) * scale, y: origin.y + (event.clientY - rect.top) * scale };
    void flow.setCenter(point.x, point.y, { zoom });
  };

  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  return (
    <Panel position="bottom-right" className="flow-minimap">
      <canvas
        ref={canvas}
        width={width * ratio}
        height={height * ratio}
        style={{ width, height }}
        role="img"
        aria-label={`Mini map of the flow: ${boxes.length} widgets`}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          moveTo(event);
        }}
        onPointerMove={moveTo}
      />
    </Panel>
  );
}

function bounds(boxes: Box[]): Box {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
