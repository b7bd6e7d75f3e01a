/**
 * `npm run keys:internal -- <name> [<name> …]`: new internal signing keys in the form production
 * reads them (platform/identity/internalKeys.ts). For each name (gateway or a center) it prints the
 * private key — the value of `<NAME>_INTERNAL_SIGNING_KEY`, to be stored as that process's secret
 * and nowhere else — and at the end the JWKS of the new public keys, to be merged into the
 * `INTERNAL_TRUSTED_KEYS` of the processes that process calls. SECURITY.md describes a key switch.
 */
import { generateInternalKey, isPrincipal, PRINCIPALS, PublicJwk, signingKeyVariable } from '../platform/identity/internalKeys';

const names = process.argv.slice(2);
if (!names.length || !names.every(isPrincipal)) {
  console.error(`usage: npm run keys:internal -- <name> [<name> …]   (names: ${PRINCIPALS.join(', ')})`);
  process.exit(2);
}
const keys: PublicJwk[] = [];
for (const name of names) {
  const { privateKeyPem, jwk } = generateInternalKey(name);
  keys.push(jwk);
  console.log(`# ${signingKeyVariable(name)} (kid ${jwk.kid}): secret of the ${name} process only\n${privateKeyPem}`);
}
console.log(`# public keys for INTERNAL_TRUSTED_KEYS of the callees\n${JSON.stringify({ keys }, null, 2)}`);
