import { escapeXml } from '../../twiml/escape-xml.ts';
import { portName, type DiagramFlow, type DiagramWidget } from './diagram-flow.ts';
import { layeredLayout, type Point } from './layered-layout.ts';

const boxHeight = 84;
const minimumBoxWidth = 200;
const margin = 60;
// Rough widths of a character at the fonts below, to size boxes without measuring text.
const nameCharacterWidth = 8.5;
const smallCharacterWidth = 6.2;
const summaryCharacterWidth = 5.8;

interface Box {
  widget: DiagramWidget;
  at: Point;
  width: number;
  /** Each port's centre, relative to the box's left edge. */
  portX: number[];
}

/**
 * The SVG diagram, one self-contained file: a box per widget (name, type, summary) with one
 * labelled port per event along its bottom, and a curve from each wired port to the top of the
 * widget it leads to. Boxes sit where the canvas put them (`properties.offset`); a flow without
 * positions (every widget at one place) is laid out in layers instead. The start has a thick
 * border and unreachable widgets a dashed one.
 */
export function flowSvg(flow: DiagramFlow): string {
  const sized = flow.widgets.map((widget) => ({ widget, ...portLayout(widget) }));
  const positions = hasCanvasLayout(flow.widgets) ? canvasPositions(flow.widgets) : automaticPositions(flow, sized);
  const boxes = new Map(sized.map((item) => [item.widget.name, { ...item, at: positions.get(item.widget.name)! }]));
  const all = [...boxes.values()];
  const left = Math.min(0, ...all.map((box) => box.at.x)) - margin;
  const top = Math.min(0, ...all.map((box) => box.at.y)) - margin;
  const edges = drawEdges(boxes);
  const width = Math.max(0, edges.right, ...all.map((box) => box.at.x + box.width)) + margin - left;
  const height = Math.max(0, ...all.map((box) => box.at.y + boxHeight)) + margin - top;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${left} ${top} ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">`,
    `<title>${escapeXml(flow.title || 'Flow')}</title>`,
    '<style>',
    '.widget rect { fill: #ffffff; stroke: #8a94a6; stroke-width: 1.5; }',
    '.widget.start rect { stroke: #1f6feb; stroke-width: 3.5; }',
    '.widget.unreachable rect { stroke-dasharray: 6 4; fill: #f6f8fa; }',
    '.name { font-size: 14px; font-weight: 600; fill: #1f2328; }',
    '.type, .summary { font-size: 11px; fill: #59636e; }',
    '.port { fill: #ffffff; stroke: #1f6feb; stroke-width: 1.5; }',
    '.port.end { stroke: #8a94a6; }',
    '.port-label { font-size: 10px; fill: #1f2328; text-anchor: middle; }',
    '.edge { fill: none; stroke: #1f6feb; stroke-width: 1.5; opacity: 0.8; }',
    '</style>',
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f6feb"/></marker></defs>',
    '<g class="edges">',
    ...edges.paths,
    '</g>',
    ...all.map((box) => drawBox(box, flow)),
    '</svg>',
  ].join('\n');
}

/** Whether the definition holds a canvas layout: not every widget at one place (a missing offset counts as 0,0). */
export function hasCanvasLayout(widgets: DiagramWidget[]): boolean {
  if (widgets.length === 1) return widgets[0].offset !== undefined;
  return new Set(widgets.map(({ offset }) => `${offset?.x ?? 0},${offset?.y ?? 0}`)).size > 1;
}

function canvasPositions(widgets: DiagramWidget[]): Map<string, Point> {
  return new Map(widgets.map((widget) => [widget.name, widget.offset ?? { x: 0, y: 0 }]));
}

function automaticPositions(flow: DiagramFlow, sized: { widget: DiagramWidget; width: number }[]): Map<string, Point> {
  // The start first, so that the layers grow from it.
  const nodes = sized.map(({ widget, width }) => ({ id: widget.name, width, height: boxHeight }));
  nodes.sort((a, b) => Number(b.id === flow.start?.name) - Number(a.id === flow.start?.name));
  const edges = flow.widgets.flatMap((widget) => widget.ports.filter((port) => port.next !== undefined).map((port) => ({ from: widget.name, to: port.next! })));
  return layeredLayout(nodes, edges);
}

/** A box wide enough for its name and its port labels, each port centred in its share of the width. */
function portLayout(widget: DiagramWidget): { width: number; portX: number[] } {
  const slots = widget.ports.map((port) => Math.max(56, portName(port).length * smallCharacterWidth + 14));
  const needed = slots.reduce((sum, slot) => sum + slot, 0);
  const width = Math.ceil(Math.max(minimumBoxWidth, widget.name.length * nameCharacterWidth + 24, needed));
  const scale = needed === 0 ? 1 : width / needed;
  let left = 0;
  const portX = slots.map((slot) => {
    const centre = left + (slot * scale) / 2;
    left += slot * scale;
    return Math.round(centre);
  });
  return { width, portX };
}

function drawBox(box: Box, flow: DiagramFlow): string {
  const { widget, at, width } = box;
  const classes = ['widget', widget === flow.start ? 'start' : '', flow.reachable.has(widget.name) ? '' : 'unreachable'].filter(Boolean).join(' ');
  const summaryRoom = Math.floor((width - 24) / summaryCharacterWidth);
  const summary = widget.summary.length > summaryRoom ? `${widget.summary.slice(0, summaryRoom - 1)}…` : widget.summary;
  const ports = widget.ports.map((port, index) => {
    const x = box.portX[index];
    return `<text class="port-label" x="${x}" y="${boxHeight - 10}">${escapeXml(portName(port))}</text>` +
      `<circle class="port${port.next === undefined ? ' end' : ''}" cx="${x}" cy="${boxHeight}" r="5"><title>${escapeXml(port.event)}${port.next === undefined ? ' (ends the flow)' : ` → ${escapeXml(port.next)}`}</title></circle>`;
  });
  return [
    `<g class="${classes}" transform="translate(${at.x} ${at.y})">`,
    `<rect width="${width}" height="${boxHeight}" rx="8"/>`,
    `<text class="name" x="12" y="22">${escapeXml(widget.name)}</text>`,
    `<text class="type" x="12" y="39">${escapeXml(widget.type)}</text>`,
    summary ? `<text class="summary" x="12" y="55">${escapeXml(summary)}</text>` : '',
    ...ports,
    '</g>',
  ].filter(Boolean).join('\n');
}

/**
 * A curve from each wired port into the top middle of its target: straight down when no other
 * box is in the way, else down a lane right of every box it would cross (each edge its own lane).
 */
function drawEdges(boxes: Map<string, Box>): { paths: string[]; right: number } {
  const all = [...boxes.values()];
  let lanes = 0;
  let right = 0;
  const paths = all.flatMap((box) => box.widget.ports.flatMap((port, index) => {
    const target = port.next === undefined ? undefined : boxes.get(port.next);
    if (!target) return [];
    const from = { x: box.at.x + box.portX[index], y: box.at.y + boxHeight + 5 };
    const to = { x: target.at.x + target.width / 2, y: target.at.y - 2 };
    const between = all.filter((other) => other !== box && other !== target && overlaps(other, from, to));
    let d: string;
    if (to.y > from.y + 20 && between.length === 0) {
      const bend = Math.max(40, (to.y - from.y) / 2);
      d = `M${from.x},${from.y} C${from.x},${from.y + bend} ${to.x},${to.y - bend} ${to.x},${to.y}`;
    } else {
      const passed = [box, target, ...all.filter((other) => spansRows(other, from.y, to.y))];
      const lane = Math.max(...passed.map((other) => other.at.x + other.width)) + 24 + (lanes++ % 12) * 10;
      right = Math.max(right, lane);
      d = `M${from.x},${from.y} C${from.x},${from.y + 30} ${lane},${from.y + 10} ${lane},${from.y + 40} ` +
        `L${lane},${to.y - 40} C${lane},${to.y - 10} ${to.x},${to.y - 30} ${to.x},${to.y}`;
    }
    return [`<path class="edge" d="${d}" marker-end="url(#arrow)"><title>${escapeXml(`${box.widget.name} ${portName(port)} → ${target.widget.name}`)}</title></path>`];
  }));
  return { paths, right };
}

/** Whether a box lies in the rectangle a direct edge from `from` down to `to` sweeps. */
function overlaps(box: Box, from: Point, to: Point): boolean {
  const left = Math.min(from.x, to.x) - 10;
  const right = Math.max(from.x, to.x) + 10;
  return box.at.x < right && box.at.x + box.width > left && box.at.y < to.y && box.at.y + boxHeight > from.y;
}

/** Whether a box is at a height between two points, where a lane beside it must pass. */
function spansRows(box: Box, y1: number, y2: number): boolean {
  return box.at.y < Math.max(y1, y2) && box.at.y + boxHeight > Math.min(y1, y2);
}
