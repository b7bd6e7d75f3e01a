import { ErrorCode, bankError } from '../../../platform/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { registrationDeps, sessionDeps } from '../context';
import { completePasswordReset, startPasswordReset } from '../service/passwordReset';
import { completeRegistration } from '../service/registration/complete';
import { startRegistration } from '../service/registration/start';
import { gatewayRequest, loginResult } from './mapped';

/** A customer channel's request (staff never register). */
function customerChannelRequest(identity: Parameters<typeof gatewayRequest>[0]) {
  const request = gatewayRequest(identity);
  if (request.channel === 'OPS') throw bankError(ErrorCode.Forbidden, '运营渠道不能注册客户');
  return request;
}

export const registrationMutations: Pick<
  MutationResolvers,
  'startRegistration' | 'completeRegistration' | 'startPasswordReset' | 'completePasswordReset'
> = {
  startRegistration: (_parent, { input }, context) => {
    const request = customerChannelRequest(context.identity);
    return startRegistration(sessionDeps(context), { ...input, channel: request.channel, clientAddress: request.clientAddress });
  },
  completeRegistration: async (_parent, { input }, context) => {
    const request = customerChannelRequest(context.identity);
    return loginResult(await completeRegistration(registrationDeps(context), { ...input, channel: request.channel }));
  },
  startPasswordReset: (_parent, { input }, context) => {
    const request = customerChannelRequest(context.identity);
    return startPasswordReset(sessionDeps(context), {
      mobile: input.mobile,
      channel: request.channel,
      clientAddress: request.clientAddress,
    });
  },
  completePasswordReset: async (_parent, { input }, context) => {
    const request = customerChannelRequest(context.identity);
    return { sessionsEnded: await completePasswordReset(registrationDeps(context), { ...input, channel: request.channel }) };
  },
};
