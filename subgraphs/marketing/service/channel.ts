import type { Identity } from '../../../platform/identity/identity';
import type { Channel } from '../__generated__/prisma/client';

/** The channel a customer request comes through; staff (OPS) and services are not tied to one. */
export function salesChannelOf(identity: Identity): Channel | undefined {
  return identity.kind === 'gateway' && identity.channel !== 'OPS' ? identity.channel : undefined;
}
