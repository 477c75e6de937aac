import { unverifiedLegacyWidget } from './unverified-legacy-widget.ts';

/** Creates a Programmable Chat channel (legacy). */
export default unverifiedLegacyWidget('create-chat-channel', 'Create Chat Channel', 'messaging');
