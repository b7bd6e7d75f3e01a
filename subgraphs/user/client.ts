/**
 * The user center's internal API, as other centers call it (the operations are in
 * `client/operations.graphql`; who may ask what is in serviceScopes.ts), acting for the customer:
 * - marketing and product: the customer's risk-tolerance grade (`@inaccessible` `customerRiskProfile`);
 * - limits: whether the customer's identity is verified (their own profile's KYC level);
 * - auth: the customer record of a mobile registering online (`@inaccessible` `registerCustomer`);
 * - account: a verified customer's name and ID number, to check a bound card is in their own name (`verifiedIdentity`);
 * - auth: a selfie compared with the verified face before a forgotten password is reset (`matchFaceOnFile`);
 * - marketing: whether the customer lets the bank collect their behavior events (`behaviorConsent`).
 */
import type { CenterName } from '../../platform/centers';
import type { Clock } from '../../platform/clock';
import { createInternalClient } from '../kit/internalClient';
import {
  BehaviorConsentDocument,
  CustomerKycLevelDocument,
  CustomerRiskProfileDocument,
  CustomerRiskProfileQuery,
  FaceOnFileOutcome,
  KycLevel,
  MatchFaceOnFileDocument,
  RegisterCustomerDocument,
  RegisterCustomerInput,
  RegisterCustomerMutation,
  VerifiedIdentityDocument,
  VerifiedIdentityQuery,
} from './client/operations.generated';

export type { FaceOnFileOutcome, KycLevel, RiskGrade } from './client/operations.generated';
export type CustomerRiskProfile = NonNullable<CustomerRiskProfileQuery['customerRiskProfile']>;
export type CustomerRegistration = RegisterCustomerMutation['registerCustomer'];
export type VerifiedIdentity = NonNullable<VerifiedIdentityQuery['verifiedIdentity']>;

export interface UserCenterClient {
  /** Null when the user center does not know the customer. */
  customerRiskProfile(userId: string): Promise<CustomerRiskProfile | null>;
  /** Null when the user center does not know the customer. */
  kycLevel(userId: string): Promise<KycLevel | null>;
  /** The record of a mobile registering online: created, or an unverified one left by an earlier registration; no id when taken. */
  registerCustomer(input: RegisterCustomerInput): Promise<CustomerRegistration>;
  /** Name and ID number in clear of a real-name verified (FULL) customer; null when unknown or not verified. */
  verifiedIdentity(userId: string): Promise<VerifiedIdentity | null>;
  /** The selfie (base64) against the face of the customer's verified ID card. */
  matchFaceOnFile(userId: string, selfie: string): Promise<FaceOnFileOutcome>;
  /** Whether the customer consented to behavior analytics; false when unknown. */
  behaviorConsent(userId: string): Promise<boolean>;
}

/** The clock signs the credential, so it must be the same clock the user center verifies with. */
export function createUserCenterClient(caller: CenterName, clock: Clock): UserCenterClient {
  const client = createInternalClient({ caller, target: 'user', clock, timeoutMs: 5_000 });
  // Two face analyses take about a second on an idle core and several under load.
  const faces = createInternalClient({ caller, target: 'user', clock, timeoutMs: 60_000 });
  return {
    async customerRiskProfile(userId) {
      const data = await client.request(CustomerRiskProfileDocument, { userId }, { actingFor: userId, scopes: ['user:risk-profile:read'] });
      return data.customerRiskProfile;
    },
    async kycLevel(userId) {
      const data = await client.request(CustomerKycLevelDocument, {}, { actingFor: userId, scopes: ['user:profile:read'] });
      return data.me?.kycLevel ?? null;
    },
    async registerCustomer(input) {
      const data = await client.request(RegisterCustomerDocument, { input }, { scopes: ['user:customer:register'] });
      return data.registerCustomer;
    },
    async verifiedIdentity(userId) {
      const data = await client.request(VerifiedIdentityDocument, { userId }, { actingFor: userId, scopes: ['user:identity:read'] });
      return data.verifiedIdentity;
    },
    async matchFaceOnFile(userId, selfie) {
      const data = await faces.request(MatchFaceOnFileDocument, { userId, selfie }, { scopes: ['user:face:match'] });
      return data.matchFaceOnFile;
    },
    async behaviorConsent(userId) {
      const data = await client.request(BehaviorConsentDocument, { userId }, { actingFor: userId, scopes: ['user:behavior-consent:read'] });
      return data.behaviorConsent;
    },
  };
}
