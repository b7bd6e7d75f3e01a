/**
 * `npm run fields:reencrypt [-- <center>…]`: the re-encryption job (subgraphs/kit/fieldEncryption/reEncryption.ts)
 * over every center's database, or the ones named. Run it after switching FIELD_ENCRYPTION_WRITE_VERSION
 * (or BLIND_INDEX_ALGORITHM), and once after upgrading to bound ciphertexts; safe to run again, and
 * concurrently, while the centers serve. It prints, per table, the values by form before and after, so
 * the operator knows when an old key version holds nothing any more and can be removed from the keyring.
 */
import { Client } from 'pg';
import { CENTERS, CenterName, isCenterName } from '../platform/centers';
import { centerDatabaseUrl } from '../platform/config';
import { resolveDatabaseServer } from '../subgraphs/kit/database/bootstrap';
import { encryptedValueCensus, reEncryptTable } from '../subgraphs/kit/fieldEncryption/reEncryption';
import { ENCRYPTED_TABLES } from '../subgraphs/encryptedTables';

async function main(): Promise<void> {
  const named = process.argv.slice(2);
  const unknown = named.filter((name) => !isCenterName(name));
  if (unknown.length) {
    console.error(`usage: npm run fields:reencrypt [-- <center>…]   (centers: ${CENTERS.join(', ')})`);
    process.exit(2);
  }
  const centers = (named.length ? named : CENTERS) as CenterName[];
  const { serverUrl, embedded } = await resolveDatabaseServer(process.env, (message) => console.log(message));
  let failures = 0;
  try {
    for (const center of centers) {
      if (ENCRYPTED_TABLES[center].length === 0) continue;
      const client = new Client({ connectionString: centerDatabaseUrl(center, serverUrl) });
      await client.connect();
      try {
        for (const table of ENCRYPTED_TABLES[center]) {
          if (table.fields.length === 0) continue;
          const before = await encryptedValueCensus(client, table);
          const report = await reEncryptTable(client, table);
          const afterwards = await encryptedValueCensus(client, table);
          failures += report.failed.length;
          console.log(JSON.stringify({ center, ...report, failed: report.failed.map((f) => f.row), before, after: afterwards }));
          for (const failure of report.failed) console.error(`${center}.${table.table} ${failure.row}: ${failure.error}`);
        }
      } finally {
        await client.end();
      }
    }
  } finally {
    await embedded?.stop();
  }
  if (failures) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
