/**
 * Every center's definition, by name: what the start script, the per-center entry point,
 * composition and the test harness run.
 */
import type { CenterName } from '../platform/centers';
import type { AnyCenterDefinition } from './kit/server/center';
import { accountCenter } from './account/subgraph';
import { authCenter } from './auth/subgraph';
import { financeCenter } from './finance/subgraph';
import { lifeCenter } from './life/subgraph';
import { limitsCenter } from './limits/subgraph';
import { marketingCenter } from './marketing/subgraph';
import { productCenter } from './product/subgraph';
import { userCenter } from './user/subgraph';

export const CENTER_DEFINITIONS: Partial<Record<CenterName, AnyCenterDefinition>> = {
  user: userCenter,
  account: accountCenter,
  finance: financeCenter,
  product: productCenter,
  life: lifeCenter,
  marketing: marketingCenter,
  auth: authCenter,
  limits: limitsCenter,
};
