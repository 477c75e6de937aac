import { unverifiedLegacyWidget } from './unverified-legacy-widget.ts';

/** Creates a TaskRouter task (legacy). */
export default unverifiedLegacyWidget('create-task', 'Create Task', 'any');
