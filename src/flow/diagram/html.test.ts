import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { diagramOf, diagramSampleJson } from '../../../test/support/diagram-sample.ts';
import { flowHtml } from './html.ts';
import { flowSvg } from './svg.ts';

describe('flowHtml', () => {
  const flow = diagramOf(diagramSampleJson);
  const html = flowHtml(flow);

  it('is one page with the title, the counts, a legend and the SVG diagram', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Name bot: asks a name, loops on an empty reply</title>');
    expect(html).toContain('<h1>Name bot: asks a name, loops on an empty reply</h1>');
    expect(html).toContain('<p class="counts">6 widgets, 1 not reachable from the Trigger</p>');
    expect(html.match(/<li>/g)).toHaveLength(4);
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + '</svg>'.length);
    expect(svg).toBe(flowSvg(flow));
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('loads nothing from elsewhere', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)\b|\bsrc=|@import|url\((?!#)/i);
    expect(html.match(/https?:\/\/[^"\s]*/g)).toStrictEqual(['http://www.w3.org/2000/svg']);
  });
});
