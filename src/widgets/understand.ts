import { unverifiedLegacyWidget } from './unverified-legacy-widget.ts';
import type { WidgetDeclaration } from './widget.ts';

/** Sends input to Autopilot Understand (legacy). */
export default {
  ...unverifiedLegacyWidget('understand', 'Understand', 'any'),
  run(_props, ctx) {
    return ctx.fail(
      'widgetNotSupported',
      'understand sends input to Autopilot Understand; Twilio retired Autopilot and Switchboard does not emulate it, so this widget cannot run',
    );
  },
} satisfies WidgetDeclaration;
