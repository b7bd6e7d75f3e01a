import type { MutationResolvers } from '../__generated__/resolvers-types';
import { recordAudit } from '../service/audit';
import { requestRotation } from '../service/signingKeys';
import { requireAnyStaffRole } from './staffRoles';

/** An administrator rotates the access-token signing key (e.g. on suspicion it leaked); audited. */
export const rotateAccessTokenKey: NonNullable<MutationResolvers['rotateAccessTokenKey']> = async (
  _parent,
  _args,
  { identity, prisma, clock, log },
) => {
  const staff = requireAnyStaffRole(identity, ['ADMIN']);
  const rotation = await requestRotation(prisma, clock);
  await recordAudit(prisma, log, clock.now(), {
    action: 'signing-key-rotation',
    outcome: 'success',
    userId: staff.userId,
    channel: 'OPS',
    details: { kid: rotation.kid, generation: rotation.generation, activatesAt: rotation.activatesAt.toISOString() },
  });
  return rotation;
};
