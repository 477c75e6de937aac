import { unverifiedLegacyWidget } from './unverified-legacy-widget.ts';

/** Sends input to Autopilot Understand (legacy). */
export default unverifiedLegacyWidget('understand', 'Understand', 'any');
