/**
 * A name the customer gives a device or a passkey, already trimmed: 1 to 30 characters (code
 * points), with no control character (U+0000–U+001F) and no angle bracket.
 */
export function isValidDisplayName(name: string): boolean {
  const characters = [...name];
  return characters.length >= 1 && characters.length <= 30 && !characters.some((c) => c < ' ' || c === '<' || c === '>');
}
