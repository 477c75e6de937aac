import { unverifiedLegacyWidget } from './unverified-legacy-widget.ts';

/** Adds a member to a Programmable Chat channel (legacy). */
export default unverifiedLegacyWidget('add-member-to-chat-channel', 'Add Member To Chat Channel', 'messaging');
