/**
 * Which center may use which of life's internal scopes: finance tells life how the orders of its
 * bill payments and top-ups ended, and asks which are still PENDING for its reconciliation.
 */
import { defineServiceScopes } from '../kit/serviceScopes';

export const serviceScopes = defineServiceScopes('life', {
  'life:order-events:apply': ['finance'],
  'life:claims:read': ['finance'],
});
