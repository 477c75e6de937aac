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

/** How the flow maps onto the minimap canvas: its top-left corner, flow units per CSS pixel, device pixels per CSS pixel. */
interface Projection {
  originX: number;
  originY: number;
  scale: number;
  ratio: number;
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
  const widgetBounds = useMemo(() => bounds(boxes), [boxes]);
  const view: Box = { x: -x / zoom, y: -y / zoom, width: paneWidth / zoom, height: paneHeight / zoom };
  const scene = bounds([widgetBounds, view]);
  const scale = Math.max(scene.width / width, scene.height / height);
  // Centre the scene in the minimap.
  const originX = scene.x - (width * scale - scene.width) / 2;
  const originY = scene.y - (height * scale - scene.height) / 2;
  const ratio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

  // The widgets are drawn once per flow, selection and projection (which stays put while the view
  // is inside the flow); a pan only moves the outline of the view, an element above the canvas.
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const projection = { originX, originY, scale, ratio };
    context.clearRect(0, 0, width * ratio, height * ratio);
    for (const box of boxes) {
      const { x, y, width, height } = inPixels(box, projection);
      context.fillStyle = selected.has(box.name) ? '#2952cc' : '#c3c9d4';
      context.fillRect(x, y, width, height);
    }
  }, [boxes, selected, width, height, originX, originY, scale, ratio]);
  const viewOutline = inPixels(view, { originX, originY, scale, ratio: 1 });

  const moveTo = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.buttons !== 1) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const point = { x: originX + (event.clientX - rect.left) * scale, y: originY + (event.clientY - rect.top) * scale };
    void flow.setCenter(point.x, point.y, { zoom });
  };

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
      <div className="flow-minimap-view" style={{ width: viewOutline.width, height: viewOutline.height, transform: `translate(${viewOutline.x}px, ${viewOutline.y}px)` }} />
    </Panel>
  );
}

/** A box of the flow in the minimap's pixels (device pixels with the screen's ratio, CSS pixels with 1). */
function inPixels(box: Box, { originX, originY, scale, ratio }: Projection): Box {
  const factor = ratio / scale;
  return { x: (box.x - originX) * factor, y: (box.y - originY) * factor, width: box.width * factor, height: box.height * factor };
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
