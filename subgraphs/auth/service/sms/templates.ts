/**
 * What an SMS says, as data. A vendor sends approved templates with parameters, not free text, so
 * each message names its template kind and carries the parameters; `text` is the same message
 * rendered in full, which the development outbox stores and the log never shows.
 *
 * Template parameters, in order (the vendor's `{1}`, `{2}`, …), per kind:
 *   LOGIN_CODE         code, minutes                    您正在新设备登录，验证码{1}，{2}分钟内有效，切勿告知他人。
 *   REGISTRATION_CODE  code, minutes                    您正在注册手机银行，验证码{1}，{2}分钟内有效，切勿告知他人。
 *   STEP_UP_CODE       action, code, minutes            您正在{1}，验证码{2}，{3}分钟内有效，切勿告知他人。
 *   REGISTERED_NOTICE  (none)                           该手机号已注册手机银行，可直接登录；如非本人操作，请忽略本短信。
 * The step-up action is what the code approves (actionText.ts), so that template carries free text.
 */
export const SMS_TEMPLATE_KINDS = ['LOGIN_CODE', 'REGISTRATION_CODE', 'STEP_UP_CODE', 'REGISTERED_NOTICE'] as const;
export type SmsTemplateKind = (typeof SMS_TEMPLATE_KINDS)[number];

export interface SmsMessage {
  kind: SmsTemplateKind;
  /** The vendor template's parameters, in order. */
  params: readonly string[];
  /** The whole message as the customer reads it. */
  text: string;
  /** Where the mobile was in the request, for a refusal's `extensions.field` (default `input.mobile`). */
  mobileField?: readonly (string | number)[];
}

/** Purposes of a one-time code that are a registration (the rest: NEW_DEVICE signs in, others step up). */
const REGISTRATION_PURPOSES = new Set(['REGISTRATION', 'REGISTER']);

export function templateKindOf(purpose: string): SmsTemplateKind {
  if (purpose === 'NEW_DEVICE') return 'LOGIN_CODE';
  return REGISTRATION_PURPOSES.has(purpose) ? 'REGISTRATION_CODE' : 'STEP_UP_CODE';
}

/** A one-time code's SMS: `action` is the phrase after 您正在 (actionText.ts). */
export function codeMessage(purpose: string, code: string, action: string, minutes: number): SmsMessage {
  const kind = templateKindOf(purpose);
  return {
    kind,
    params: kind === 'STEP_UP_CODE' ? [action, code, String(minutes)] : [code, String(minutes)],
    text: `【农商银行】您正在${action}，验证码${code}，${minutes}分钟内有效，切勿告知他人。`,
  };
}

/** What a registration attempt for a mobile that already signs in is texted instead of a code. */
export function registeredNoticeMessage(): SmsMessage {
  return { kind: 'REGISTERED_NOTICE', params: [], text: '【农商银行】该手机号已注册手机银行，可直接登录；如非本人操作，请忽略本短信。' };
}
