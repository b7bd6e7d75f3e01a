/**
 * Options for an interactive transaction that may queue behind others: one customer's (or one
 * product's) concurrent requests serialise on a lock inside the transaction, so a burst holds every
 * pooled connection while the rest wait for one. Prisma's defaults (2 s to get a connection, 5 s for
 * the whole transaction) would turn such a queue into internal errors; these bounds let it drain and
 * still end a transaction stuck behind a lock that is never released.
 */
export const QUEUED_TRANSACTION = { maxWait: 10_000, timeout: 15_000 } as const;
