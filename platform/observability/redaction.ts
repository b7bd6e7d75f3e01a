/**
 * What must never appear in a log line. Field paths are censored by pino's redaction; free text
 * (messages) is scrubbed by pattern as a second line of defence.
 */
const SENSITIVE_FIELDS = [
  'authorization',
  'cookie',
  'password',
  'newPassword',
  'pin',
  'token',
  'accessToken',
  'refreshToken',
  'smsCode',
  'idNumber',
  'cardNumber',
  'accountNumber',
  'mobile',
  'secret',
  'totpSecret',
  'x-internal-identity',
  // GraphQL variables carry customer input (passwords, numbers): never logged whole.
  'variables',
];

export const SENSITIVE_LOG_PATHS = [...SENSITIVE_FIELDS.flatMap((field) => [quote(field), `*.${quote(field)}`, `*.*.${quote(field)}`])];

function quote(field: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
}

/** JWTs (three base64url parts). */
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
/** Runs of 11+ digits: mobile, ID-card (18, may end in X), bank-card and account numbers. */
const LONG_NUMBER = /\d{11,19}[Xx]?/g;

export function scrubText(text: string): string {
  return text.replace(JWT, '[REDACTED-TOKEN]').replace(LONG_NUMBER, (digits) => `${digits.slice(0, 3)}****${digits.slice(-4)}`);
}
