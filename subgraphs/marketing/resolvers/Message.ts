import type { MessageResolvers } from '../__generated__/resolvers-types';

/** Reached only through `User.messages` and `markMessageRead`, which check ownership. */
export const Message: MessageResolvers = {
  read: (message) => message.readAt !== null,
};
