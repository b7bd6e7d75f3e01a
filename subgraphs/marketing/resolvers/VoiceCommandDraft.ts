import type { VoiceCommandDraftResolvers } from '../__generated__/resolvers-types';

/** Drafts carry their type (service/voice/drafts.ts). */
export const VoiceCommandDraft: VoiceCommandDraftResolvers = {
  __resolveType: (draft) => draft.__typename,
};
