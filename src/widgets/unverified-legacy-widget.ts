import { defineWidget, type Channel, type WidgetDeclaration } from './widget.ts';

/**
 * A legacy widget type known only by name from Studio's schema enum. Its events are unverified,
 * so it gets `success` / `failed`, enough for old flows to validate and show on the canvas.
 */
export function unverifiedLegacyWidget(type: string, label: string, channel: Channel): WidgetDeclaration {
  return defineWidget({
    type,
    label,
    group: 'Legacy',
    channel,
    events: ['success', 'failed'],
    failureEvent: 'failed',
    properties: {},
    outputs: [],
  });
}
