/**
 * Unit project setup: fresh platform secrets for each test file. Outside development nothing
 * generates secrets, so unit tests that encrypt or sign get theirs here, as the integration
 * projects get theirs from the global setup.
 */
import { randomBytes } from 'node:crypto';

for (const name of ['FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY']) {
  process.env[name] ??= randomBytes(32).toString('base64');
}
