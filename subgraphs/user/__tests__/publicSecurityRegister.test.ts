import { developmentFeatures } from '../../../platform/config';
import { createLogger } from '../../../platform/observability/logger';
import { createPublicSecurityRegister, RealNameConfigurationError } from '../service/verification/publicSecurity/choice';
import {
  STAND_IN_NOT_FOUND_NUMBER,
  STAND_IN_PHOTO_MISMATCH_NUMBER,
  StandInRegister,
} from '../service/verification/publicSecurity/standInRegister';

const log = createLogger('public-security-register-test');
const selfie = Buffer.from('selfie');
const choose = (env: NodeJS.ProcessEnv, standInFeature: boolean) =>
  createPublicSecurityRegister({ env, log, development: { ...developmentFeatures(false), realNameStandIn: standInFeature } });

test('the stand-in: any well-formed number matches, except the documented test numbers and the name marker', async () => {
  const register = new StandInRegister();
  expect(STAND_IN_NOT_FOUND_NUMBER).toBe('110105194910010015');
  expect(STAND_IN_PHOTO_MISMATCH_NUMBER).toBe('110105194910010023');
  expect(await register.checkIdentity({ name: '张晓明', idNumber: '110105198111216023', selfie })).toBe('MATCH');
  expect(await register.checkIdentity({ name: '张不符', idNumber: '110105198111216023', selfie })).toBe('NAME_MISMATCH');
  expect(await register.checkIdentity({ name: '张晓明', idNumber: STAND_IN_NOT_FOUND_NUMBER, selfie })).toBe('NOT_FOUND');
  expect(await register.checkIdentity({ name: '张晓明', idNumber: '110105198111216024', selfie })).toBe('NOT_FOUND');
  expect(await register.checkIdentity({ name: '张晓明', idNumber: STAND_IN_PHOTO_MISMATCH_NUMBER, selfie })).toBe('PHOTO_MISMATCH');
});

test('development features or REAL_NAME_PROVIDER=stand-in outside production choose the stand-in', () => {
  expect(choose({ NODE_ENV: 'development' }, true).kind).toBe('stand-in');
  expect(choose({ NODE_ENV: 'test', REAL_NAME_PROVIDER: 'stand-in' }, false).kind).toBe('stand-in');
});

test('production refuses the stand-in at start, and without a provider every check is refused with a stable reason', async () => {
  expect(() => choose({ NODE_ENV: 'production', REAL_NAME_PROVIDER: 'stand-in' }, false)).toThrow(RealNameConfigurationError);
  const none = choose({ NODE_ENV: 'production' }, false);
  expect(none.kind).toBe('unconfigured');
  await expect(none.checkIdentity({ name: '张晓明', idNumber: '110105198111216023', selfie })).rejects.toMatchObject({
    extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'REAL_NAME_PROVIDER_MISSING' },
  });
});
