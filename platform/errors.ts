import { GraphQLError } from 'graphql';

/**
 * Every error a client can see carries one of these codes in `extensions.code`.
 * Codes are a contract with the channel apps: add new ones, never rename.
 */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  UnknownChannel = 'UNKNOWN_CHANNEL',
  ChannelMismatch = 'CHANNEL_MISMATCH',
  InternalServerError = 'INTERNAL_SERVER_ERROR',
  // Identity and step-up.
  AccountLocked = 'ACCOUNT_LOCKED',
  UpgradeRequired = 'UPGRADE_REQUIRED',
  DeviceVerificationRequired = 'DEVICE_VERIFICATION_REQUIRED',
  InvalidCode = 'INVALID_CODE',
  CodeExpired = 'CODE_EXPIRED',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  ResendTooSoon = 'RESEND_TOO_SOON',
  PinLocked = 'PIN_LOCKED',
  PinNotSet = 'PIN_NOT_SET',
  ChallengeInvalid = 'CHALLENGE_INVALID',
  MiniProgramNotBound = 'MINI_PROGRAM_NOT_BOUND',
  IdentityAlreadyBound = 'IDENTITY_ALREADY_BOUND',
  /** A registration whose mobile already signs in (or belongs to a customer past registration): no second account. */
  AlreadyRegistered = 'ALREADY_REGISTERED',
  /** A staff TOTP code that already signed someone in: each code is good once. */
  TotpCodeReused = 'TOTP_CODE_REUSED',
  /** Too many SMS to one mobile (the bank's per-number limits before the vendor, or the vendor's own). */
  SmsRateLimited = 'SMS_RATE_LIMITED',
  /** The SMS vendor cannot deliver to this mobile (malformed number, do-not-disturb list). */
  SmsUndeliverable = 'SMS_UNDELIVERABLE',
  /** The SMS vendor failed (credentials, templates, balance, outage): nothing the customer can fix. */
  SmsUnavailable = 'SMS_UNAVAILABLE',
  /** Real-name verification: the customer is already verified (FULL). */
  AlreadyVerified = 'ALREADY_VERIFIED',
  /** Real-name verification: the ID number belongs to another customer (one customer per ID number). */
  IdNumberTaken = 'ID_NUMBER_TAKEN',
  /** A selfie that is not the face on file (a password reset of a verified customer), with `reason` and `attemptsLeft`. */
  FaceMismatch = 'FACE_MISMATCH',
  /** A service the bank depends on is not configured or not reachable; `extensions.reason` says which. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  // Gateway front door and resilience.
  RateLimited = 'RATE_LIMITED',
  PersistedQueryNotFound = 'PERSISTED_QUERY_NOT_FOUND',
  OperationNotAllowed = 'OPERATION_NOT_ALLOWED',
  QueryTooDeep = 'QUERY_TOO_DEEP',
  TooManyAliases = 'TOO_MANY_ALIASES',
  TooManyTokens = 'TOO_MANY_TOKENS',
  TooManyDirectives = 'TOO_MANY_DIRECTIVES',
  QueryTooCostly = 'QUERY_TOO_COSTLY',
  BatchingNotAllowed = 'BATCHING_NOT_ALLOWED',
  CsrfRefused = 'CSRF_REFUSED',
  OriginNotAllowed = 'ORIGIN_NOT_ALLOWED',
  IntrospectionDisabled = 'INTROSPECTION_DISABLED',
  SubgraphUnavailable = 'SUBGRAPH_UNAVAILABLE',
  SubgraphTimeout = 'SUBGRAPH_TIMEOUT',
  // Money movement.
  InsufficientFunds = 'INSUFFICIENT_FUNDS',
  BalanceCapExceeded = 'BALANCE_CAP_EXCEEDED',
  AccountNotActive = 'ACCOUNT_NOT_ACTIVE',
  OrderVoided = 'ORDER_VOIDED',
  IdempotencyConflict = 'IDEMPOTENCY_CONFLICT',
  PayeeNameMismatch = 'PAYEE_NAME_MISMATCH',
  LimitExceeded = 'LIMIT_EXCEEDED',
  RiskDenied = 'RISK_DENIED',
  StepUpRequired = 'STEP_UP_REQUIRED',
  ChallengeFailed = 'CHALLENGE_FAILED',
  // Products, marketing and life.
  SuitabilityMismatch = 'SUITABILITY_MISMATCH',
  RiskAssessmentExpired = 'RISK_ASSESSMENT_EXPIRED',
  AgreementRequired = 'AGREEMENT_REQUIRED',
  ProductNotOnSale = 'PRODUCT_NOT_ON_SALE',
  ChannelNotAllowed = 'CHANNEL_NOT_ALLOWED',
  CouponUnavailable = 'COUPON_UNAVAILABLE',
  CampaignNotEligible = 'CAMPAIGN_NOT_ELIGIBLE',
  InsufficientPoints = 'INSUFFICIENT_POINTS',
  /** A reward of the points catalogue with no stock left. */
  RewardOutOfStock = 'REWARD_OUT_OF_STOCK',
  BillAlreadyPaid = 'BILL_ALREADY_PAID',
  // Redemptions and time deposits (finance).
  HoldingNotFound = 'HOLDING_NOT_FOUND',
  InsufficientShares = 'INSUFFICIENT_SHARES',
  RedemptionNotAllowed = 'REDEMPTION_NOT_ALLOWED',
  RedemptionCapExceeded = 'REDEMPTION_CAP_EXCEEDED',
  DepositNotFound = 'DEPOSIT_NOT_FOUND',
  DepositAlreadyWithdrawn = 'DEPOSIT_ALREADY_WITHDRAWN',
  // Electronic (class II/III) accounts opened online (account).
  /** The customer already has an open class II account in this bank. */
  ClassIIAlreadyOpen = 'CLASS_II_ALREADY_OPEN',
  /** The customer already has an open class III account in this bank. */
  ClassIIIAlreadyOpen = 'CLASS_III_ALREADY_OPEN',
  /** The account or card to bind is not the customer's own usable class I account (`extensions.reason` says why). */
  BoundAccountRejected = 'BOUND_ACCOUNT_REJECTED',
  /** Another bank's card cannot be checked now (no clearing provider configured, or it failed). */
  CardVerificationUnavailable = 'CARD_VERIFICATION_UNAVAILABLE',
}

export interface BankErrorOptions {
  /** Path of the offending input field, e.g. `['input', 'amount']`. */
  field?: readonly (string | number)[];
  /** Extra, non-sensitive extensions for the client. */
  details?: Record<string, unknown>;
  /**
   * Only for errors that end the whole HTTP request (context creation): a field-level error
   * must leave the status at 200, or the gateway would discard the subgraph's partial data.
   */
  httpStatus?: number;
}

export function bankError(code: ErrorCode, message: string, options: BankErrorOptions = {}): GraphQLError {
  const status = options.httpStatus;
  return new GraphQLError(message, {
    extensions: {
      code,
      ...(options.field ? { field: options.field.join('.') } : {}),
      ...options.details,
      ...(status ? { http: { status } } : {}),
    },
  });
}

export const badInput = (message: string, field: readonly (string | number)[]) => bankError(ErrorCode.BadUserInput, message, { field });

export const unauthenticated = (message = '请先登录') => bankError(ErrorCode.Unauthenticated, message);

export const forbidden = (message = '无权访问该资源') => bankError(ErrorCode.Forbidden, message);

export const notFound = (message = '资源不存在') => bankError(ErrorCode.NotFound, message);
