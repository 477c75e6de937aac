import { unverifiedLegacyWidget } from './unverified-legacy-widget.ts';

/** Updates a Sync object (legacy). */
export default unverifiedLegacyWidget('update-sync-object', 'Update Sync Object', 'any');
