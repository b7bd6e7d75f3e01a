import { assertOwnedBy, serviceCaller } from '../../kit/authorization';
import { ErrorCode, bankError, badInput, notFound, unauthenticated } from '../../../platform/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { sessionDeps } from '../context';
import { startChallenge, verifyChallenge } from '../service/challenges';
import { changeLoginPassword, changeTransactionPin } from '../service/credentialChanges';
import { consumeChallengeToken, requireChallengeToken } from '../service/challengeTokens';
import { registerDeviceKey, loginWithDeviceKey, startDeviceKeyLogin } from '../service/deviceKeys';
import { renameDevice, removeDevice, trustDevice } from '../service/devices';
import { bindMiniProgram, loginWithMiniProgram } from '../service/miniProgram/binding';
import { finishPasskeyRegistration, loginWithPasskey, startPasskeyLogin, startPasskeyRegistration } from '../service/passkeys/ceremonies';
import { removePasskey } from '../service/passkeys/store';
import { loginWithPassword, resendNewDeviceCode, verifyNewDevice } from '../service/login';
import { assertPinStrong, decryptPin, setPin } from '../service/pin';
import { refreshSession, revokeSession } from '../service/sessions';
import { staffLogin } from '../service/staff';
import { gatewayRequest, loginResult, signedInCustomer } from './mapped';
import { registrationMutations } from './registration';
import { updateRiskRule } from './riskRules';
import { rotateAccessTokenKey } from './signingKeyRotation';

export const Mutation: MutationResolvers = {
  login: async (_parent, { input }, context) => {
    const request = gatewayRequest(context.identity);
    if (request.channel === 'OPS') throw bankError(ErrorCode.Forbidden, '运营人员请使用 staffLogin');
    return loginResult(
      await loginWithPassword(sessionDeps(context), { ...input, channel: request.channel, clientAddress: request.clientAddress }),
    );
  },
  verifyNewDevice: async (_parent, { pendingLoginId, code }, context) =>
    loginResult(await verifyNewDevice(sessionDeps(context), pendingLoginId, code, gatewayRequest(context.identity).channel)),
  resendNewDeviceCode: async (_parent, { pendingLoginId }, context) => {
    await resendNewDeviceCode(sessionDeps(context), pendingLoginId, gatewayRequest(context.identity).channel);
    return true;
  },
  ...registrationMutations,
  refreshSession: async (_parent, { refreshToken }, context) => {
    const request = gatewayRequest(context.identity);
    if (!refreshToken) throw unauthenticated('缺少刷新凭证，请重新登录');
    return loginResult(await refreshSession(sessionDeps(context), refreshToken, request.channel));
  },
  logout: async (_parent, _args, context) => {
    const request = gatewayRequest(context.identity);
    if (!request.userId || !request.sessionId) throw unauthenticated();
    await revokeSession(sessionDeps(context), request.sessionId, 'LOGOUT');
    return true;
  },
  revokeSession: async (_parent, { id }, context) => {
    const customer = signedInCustomer(context.identity);
    const session = await context.prisma.session.findUnique({ where: { id }, select: { userId: true } });
    if (!session) throw notFound('会话不存在');
    assertOwnedBy(context.identity, session.userId, context.log, 'Session');
    await revokeSession(sessionDeps(context), id, customer.sessionId === id ? 'LOGOUT' : 'REVOKED_BY_CUSTOMER');
    return true;
  },

  renameDevice: (_parent, { id, name }, { identity, prisma }) => renameDevice(prisma, signedInCustomer(identity).userId, id, name),
  trustDevice: async (_parent, { id, challengeToken }, context) => {
    const { userId } = signedInCustomer(context.identity);
    await requireChallengeToken(sessionDeps(context), userId, challengeToken, 'TRUST_DEVICE');
    return trustDevice(sessionDeps(context), userId, id);
  },
  removeDevice: (_parent, { id }, context) => removeDevice(sessionDeps(context), signedInCustomer(context.identity).userId, id),

  startChallenge: (_parent, { purpose, context: action, method }, context) =>
    startChallenge(sessionDeps(context), signedInCustomer(context.identity), purpose, action, method),
  verifyChallenge: (_parent, { id, proof }, context) =>
    verifyChallenge(sessionDeps(context), signedInCustomer(context.identity), id, proof),
  setTransactionPin: async (_parent, { encryptedPin, challengeToken }, context) => {
    const { userId } = signedInCustomer(context.identity);
    const pin = await decryptPin(context.prisma, encryptedPin, ['encryptedPin']);
    // Refuse a weak PIN before the challenge token is spent on it.
    assertPinStrong(pin);
    await requireChallengeToken(sessionDeps(context), userId, challengeToken, 'SET_PIN');
    await setPin(context.prisma, context.log, context.clock, userId, pin);
    return true;
  },

  changeTransactionPin: async (_parent, { currentEncryptedPin, newEncryptedPin }, context) => {
    await changeTransactionPin(sessionDeps(context), signedInCustomer(context.identity), currentEncryptedPin, newEncryptedPin);
    return true;
  },
  changeLoginPassword: async (_parent, { currentPassword, newPassword }, context) => ({
    otherSessionsEnded: await changeLoginPassword(sessionDeps(context), signedInCustomer(context.identity), currentPassword, newPassword),
  }),

  registerDeviceKey: (_parent, { publicKey, challengeToken }, context) =>
    registerDeviceKey(sessionDeps(context), signedInCustomer(context.identity), publicKey, challengeToken),
  startDeviceKeyLogin: async (_parent, { deviceKeyId }, context) => {
    const nonce = await startDeviceKeyLogin(sessionDeps(context), deviceKeyId, gatewayRequest(context.identity).channel);
    return { nonceId: nonce.id, nonce: nonce.value, expiresAt: nonce.expiresAt };
  },
  loginWithDeviceKey: async (_parent, { input }, context) => {
    const request = gatewayRequest(context.identity);
    return loginResult(
      await loginWithDeviceKey(sessionDeps(context), { ...input, channel: request.channel, clientAddress: request.clientAddress }),
    );
  },

  startPasskeyRegistration: (_parent, { challengeToken }, context) =>
    startPasskeyRegistration(sessionDeps(context), signedInCustomer(context.identity), challengeToken),
  finishPasskeyRegistration: (_parent, { ceremonyId, responseJson, name }, context) =>
    finishPasskeyRegistration(sessionDeps(context), signedInCustomer(context.identity), ceremonyId, responseJson, name),
  startPasskeyLogin: (_parent, _args, context) => startPasskeyLogin(sessionDeps(context), gatewayRequest(context.identity).channel),
  loginWithPasskey: async (_parent, { ceremonyId, responseJson }, context) => {
    const request = gatewayRequest(context.identity);
    return loginResult(
      await loginWithPasskey(sessionDeps(context), {
        ceremonyId,
        responseJson,
        channel: request.channel,
        clientAddress: request.clientAddress,
      }),
    );
  },
  removePasskey: (_parent, { id }, context) => removePasskey(sessionDeps(context), signedInCustomer(context.identity).userId, id),

  bindMiniProgram: (_parent, { code, challengeToken }, context) =>
    bindMiniProgram(sessionDeps(context), signedInCustomer(context.identity), code, challengeToken),
  loginWithMiniProgram: async (_parent, { code, device }, context) => {
    const request = gatewayRequest(context.identity);
    return loginResult(
      await loginWithMiniProgram(sessionDeps(context), { code, device, channel: request.channel, clientAddress: request.clientAddress }),
    );
  },

  staffLogin: async (_parent, { input }, context) => {
    const request = gatewayRequest(context.identity);
    if (request.channel !== 'OPS') throw bankError(ErrorCode.Forbidden, '运营人员只能在运营渠道登录');
    return loginResult(await staffLogin(sessionDeps(context), { ...input, clientAddress: request.clientAddress }));
  },
  updateRiskRule,
  rotateAccessTokenKey,

  consumeChallengeToken: (_parent, { token, purpose, actionHash }, { identity, prisma, clock }) => {
    const caller = serviceCaller(identity);
    if (!caller.actingFor) throw unauthenticated('消费验证凭证需要指明客户');
    if (!/^[0-9a-f]{64}$/.test(actionHash)) throw badInput('actionHash 格式不正确', ['actionHash']);
    return consumeChallengeToken({ prisma, clock }, caller.actingFor, token, purpose, actionHash);
  },
};
