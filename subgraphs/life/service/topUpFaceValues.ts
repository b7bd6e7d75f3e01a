/**
 * The face values sold (yuan): carriers credit these fixed amounts only, so any other amount is
 * refused before anything is written.
 */
export const TOP_UP_FACE_VALUES_FEN: readonly bigint[] = [30_00n, 50_00n, 100_00n, 200_00n, 300_00n, 500_00n];

export function isFaceValue(fen: bigint): boolean {
  return TOP_UP_FACE_VALUES_FEN.includes(fen);
}
