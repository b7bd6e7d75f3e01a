/**
 * Unique constraints are how every center makes a concurrent duplicate lose: of two inserts under
 * the same key exactly one lands, and the other is told so by PostgreSQL. This module recognises
 * that refusal and answers the duplicate with the record that won.
 */

/**
 * Whether `error` is PostgreSQL's unique violation: Prisma's P2002 from a model query, SQLSTATE
 * 23505 from the `pg` driver, or either inside the message of a raw query or an interactive
 * transaction that failed on one.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'P2002' || code === '23505') return true;
  return /unique constraint|23505/i.test(String((error as Error | null)?.message));
}

/**
 * Runs `insert`; when a concurrent duplicate won the unique key, answers what `raced` reads instead
 * (the winner's record). Any other error, or a winner `raced` cannot find, is the insert's error.
 */
export async function insertOrAnswerRaced<Inserted, Raced>(
  insert: () => Promise<Inserted>,
  raced: () => Promise<Raced | null | undefined>,
): Promise<Inserted | Raced> {
  try {
    return await insert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await raced();
    if (winner === null || winner === undefined) throw error;
    return winner;
  }
}
