import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { diagramOf, diagramSampleJson } from '../../../test/support/diagram-sample.ts';
import type { FlowDefinition } from '../definition.ts';
import { diagramFlow } from './diagram-flow.ts';
import { flowSvg, hasCanvasLayout } from './svg.ts';

type Element = Record<string, unknown>;

/** The SVG as an element tree (every element a list, attributes plain keys), so that a test reads structure, not text. */
function parseSvg(svg: string): Element {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (_name, _path, _leaf, isAttribute) => !isAttribute });
  return (parser.parse(svg, true) as { svg: Element[] }).svg[0];
}

const attribute = (element: Element, name: string) => String(element[name]);
const children = (element: Element, name: string) => (element[name] ?? []) as Element[];
const texts = (element: Element, className: string) => children(element, 'text').filter((item) => item.class === className).map((item) => String(item['#text']));

function boxesOf(svg: Element) {
  return children(svg, 'g').filter((group) => attribute(group, 'class').startsWith('widget')).map((group) => {
    const [x, y] = /translate\((\S+) (\S+)\)/.exec(attribute(group, 'transform'))!.slice(1).map(Number);
    const rect = children(group, 'rect')[0];
    return {
      name: texts(group, 'name')[0],
      classes: attribute(group, 'class').split(' '),
      x, y, width: Number(rect.width), height: Number(rect.height),
      ports: texts(group, 'port-label'),
      endingPorts: children(group, 'circle').filter((item) => item.class === 'port end').length,
    };
  });
}

describe('flowSvg', () => {
  const svg = parseSvg(flowSvg(diagramOf(diagramSampleJson)));
  const boxes = boxesOf(svg);
  const box = (name: string) => boxes.find((item) => item.name === name)!;

  it('draws a box per widget with a labelled port per event, the start and unreachable widgets marked', () => {
    expect(boxes.map((item) => item.name)).toStrictEqual(['Trigger', 'ask', 'check', 'greet', 'bye', 'orphan']);
    expect(box('check').ports).toStrictEqual(['noMatch', 'Said stop', 'Gave a name']);
    expect(box('ask')).toMatchObject({ ports: ['incomingMessage', 'timeout', 'deliveryFailure'], endingPorts: 2 });
    expect(box('Trigger').classes).toContain('start');
    expect(box('orphan').classes).toContain('unreachable');
    expect(box('ask').classes).toStrictEqual(['widget']);
  });

  it('draws a curve with an arrow for every wired transition', () => {
    const edges = children(children(svg, 'g').find((group) => group.class === 'edges')!, 'path');
    expect(edges).toHaveLength(7);
    expect(edges.every((edge) => edge['marker-end'] === 'url(#arrow)' && / C/.test(attribute(edge, 'd')))).toBe(true);
    expect(edges.map((edge) => String((edge.title as unknown[])[0]))).toContain('check noMatch → ask');
  });

  it('lays out a flow without positions in layers along its transitions, boxes apart, all inside the view', () => {
    expect(box('ask').y).toBeGreaterThan(box('Trigger').y);
    expect(box('check').y).toBeGreaterThan(box('ask').y);
    expect(box('bye').y).toBeGreaterThan(box('greet').y);
    for (const a of boxes) {
      for (const b of boxes) {
        if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
      }
    }
    const [left, top, width, height] = attribute(svg, 'viewBox').split(' ').map(Number);
    expect(boxes.every((item) => item.x >= left && item.y >= top && item.x + item.width <= left + width && item.y + item.height <= top + height)).toBe(true);
  });

  it('keeps the canvas positions when the definition has them, and escapes names', () => {
    const definition = {
      description: 'A <b> & "c"', initial_state: 'Trigger',
      states: [
        { name: 'Trigger', type: 'trigger', properties: { offset: { x: 10, y: -20 } }, transitions: [{ event: 'incomingMessage', next: 'a<&>b' }] },
        { name: 'a<&>b', type: 'send-message', properties: { body: "it's <ok>", offset: { x: 400, y: 300 } }, transitions: [] },
      ],
    } as unknown as FlowDefinition;
    const source = flowSvg(diagramFlow(definition));
    const drawn = boxesOf(parseSvg(source));
    expect(drawn.map(({ name, x, y }) => ({ name, x, y }))).toStrictEqual([{ name: 'Trigger', x: 10, y: -20 }, { name: 'a<&>b', x: 400, y: 300 }]);
    expect(source).toContain('<title>A &lt;b&gt; &amp; &quot;c&quot;</title>');
  });
});

describe('hasCanvasLayout', () => {
  const flow = (...offsets: ({ x: number; y: number } | undefined)[]) =>
    diagramFlow({ description: '', initial_state: 'w0', states: offsets.map((offset, index) => ({ name: `w${index}`, type: 'say-play', transitions: [], properties: offset ? { offset } : {} })) });

  it('is false when every widget is at one place (a missing offset counts as 0,0), true otherwise', () => {
    expect(hasCanvasLayout(flow({ x: 0, y: 0 }, undefined).widgets)).toBe(false);
    expect(hasCanvasLayout(flow({ x: 5, y: 5 }, { x: 5, y: 5 }).widgets)).toBe(false);
    expect(hasCanvasLayout(flow({ x: 0, y: 0 }, { x: 0, y: 200 }).widgets)).toBe(true);
    expect(hasCanvasLayout(flow({ x: 0, y: 0 }).widgets)).toBe(true);
    expect(hasCanvasLayout(flow(undefined).widgets)).toBe(false);
  });
});
