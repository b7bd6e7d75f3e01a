/**
 * Where web banking's passkeys are valid. WebAuthn binds each credential to a relying-party id (the
 * bank's web domain) and each ceremony to the page origin, so a phishing site cannot use them.
 * WEBAUTHN_RP_ID (default `localhost`) and WEBAUTHN_ORIGINS (comma-separated; default the local
 * gateway and web app) are read once per call so tests and deployments can set them.
 */
import { isProduction } from '../../../../platform/config';

export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

export function relyingParty(env: NodeJS.ProcessEnv = process.env): RelyingParty {
  const id = env.WEBAUTHN_RP_ID ?? (isProduction(env) ? undefined : 'localhost');
  const origins = (env.WEBAUTHN_ORIGINS ?? (isProduction(env) ? '' : 'http://localhost:4000,http://localhost:3000'))
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  if (!id || origins.length === 0) throw new Error('WEBAUTHN_RP_ID and WEBAUTHN_ORIGINS must be set in production');
  return { id, name: env.WEBAUTHN_RP_NAME ?? '农商银行网上银行', origins };
}

/** Only ES256 and RS256: the algorithms every platform authenticator offers and node:crypto verifies. */
export const PASSKEY_ALGORITHMS = [-7, -257];
export const PASSKEY_CEREMONY_LIFETIME_MS = 5 * 60 * 1000;
