/**
 * Loads the OCR and face models in the background (not awaited): the start goes on, and a failed load is logged
 * and retried by the first verification (both loaders forget a failed load). Each loads once per process.
 */
import type { Logger } from '../../../../platform/observability/logger';
import { warmUpFaceModels } from './faceModels';
import { warmUpOcr } from './ocrEngine';

export function warmUpVerificationModels(log: Logger): void {
  const started = Date.now();
  Promise.all([warmUpOcr(), warmUpFaceModels()]).then(
    () => log.info({ ms: Date.now() - started }, 'real-name verification models loaded'),
    (error: unknown) => log.error({ err: error }, 'real-name verification models failed to load; the first verification retries'),
  );
}
