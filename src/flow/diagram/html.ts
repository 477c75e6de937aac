import type { DiagramFlow } from './diagram-flow.ts';
import { escapeXml } from '../../twiml/escape-xml.ts';
import { flowSvg } from './svg.ts';

/** The HTML diagram: one self-contained page (no external resources) with a title, a legend and the SVG diagram. */
export function flowHtml(flow: DiagramFlow): string {
  const title = escapeXml(flow.title || 'Flow');
  const unreachable = flow.widgets.length - flow.reachable.size;
  const counts = `${flow.widgets.length} widget${flow.widgets.length === 1 ? '' : 's'}${unreachable > 0 ? `, ${unreachable} not reachable from the Trigger` : ''}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { margin: 0; padding: 24px; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; background: #f6f8fa; }
h1 { font-size: 20px; margin: 0 0 4px; }
.counts { margin: 0 0 12px; color: #59636e; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 24px; margin: 0 0 16px; padding: 0; list-style: none; font-size: 13px; }
.legend span { display: inline-block; width: 22px; height: 14px; margin-right: 6px; vertical-align: middle; border-radius: 3px; background: #fff; }
.diagram { overflow: auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
.diagram svg { display: block; }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="counts">${counts}</p>
<ul class="legend">
<li><span style="border: 1.5px solid #8a94a6"></span>a widget: its name, type and what it says or reads</li>
<li><span style="border: 3.5px solid #1f6feb"></span>the Trigger, where the flow starts</li>
<li><span style="border: 1.5px dashed #8a94a6; background: #f6f8fa"></span>not reachable from the Trigger</li>
<li><span style="border-bottom: 2px solid #1f6feb; border-radius: 0"></span>from an event (a dot under a widget) to the widget it leads to; an event with a grey dot ends the flow</li>
</ul>
<div class="diagram">
${flowSvg(flow)}
</div>
</body>
</html>`;
}
