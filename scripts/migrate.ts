/**
 * `npm run migrate`: creates and migrates every center's database (or one: `npm run migrate -- account`)
 * without starting anything — the deploy step before rolling out new center versions.
 * Seeds the reference data the bank runs on; demo data only where the configuration asks for it
 * (development, or SEED_DEMO_DATA=true outside production).
 */
import { CENTERS, isCenterName } from '../platform/centers';
import { systemClock } from '../platform/clock';
import { loadConfigOrExit } from '../platform/config';
import { prepareCenterDatabase, resolveDatabaseServer } from '../subgraphs/kit/database/bootstrap';
import { loadCenterDefinition } from '../subgraphs/registry';

async function main(): Promise<void> {
  const settings = loadConfigOrExit();
  const only = process.argv[2];
  if (only !== undefined && !isCenterName(only)) {
    console.error(`usage: npm run migrate [-- <center>]   (one of: ${CENTERS.join(', ')})`);
    process.exit(2);
  }
  const { serverUrl, embedded } = await resolveDatabaseServer(process.env, (message) => console.log(message));
  try {
    for (const center of CENTERS) {
      const definition = await loadCenterDefinition(center);
      if (only && only !== center) continue;
      await prepareCenterDatabase(definition, serverUrl, { seed: settings.seedDemoData, clock: systemClock });
      console.log(`${center}: migrated`);
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
