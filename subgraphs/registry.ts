/**
 * Every center's definition, by name: what the start scripts, the per-center entry point,
 * composition and the test harness run. Each is loaded when asked for, so a process that runs one
 * center (or a test that starts two) loads only their code.
 */
import type { CenterName } from '../platform/centers';
import type { AnyCenterDefinition } from './kit/server/center';

const LOADERS: Record<CenterName, () => Promise<AnyCenterDefinition>> = {
  user: async () => (await import('./user/subgraph.js')).userCenter,
  account: async () => (await import('./account/subgraph.js')).accountCenter,
  finance: async () => (await import('./finance/subgraph.js')).financeCenter,
  product: async () => (await import('./product/subgraph.js')).productCenter,
  life: async () => (await import('./life/subgraph.js')).lifeCenter,
  marketing: async () => (await import('./marketing/subgraph.js')).marketingCenter,
  auth: async () => (await import('./auth/subgraph.js')).authCenter,
  limits: async () => (await import('./limits/subgraph.js')).limitsCenter,
};

export function loadCenterDefinition(center: CenterName): Promise<AnyCenterDefinition> {
  return LOADERS[center]();
}
