import { unverifiedLegacyWidget } from './unverified-legacy-widget.ts';

/** A second Run Function type seen in one variant of the schema enum. */
export default unverifiedLegacyWidget('run-function-v2', 'Run Function (v2)', 'any');
