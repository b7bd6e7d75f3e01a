import { Lexer, Source, TokenKind } from 'graphql';

/**
 * Counts lexical tokens up to `max` without building an AST: a document of a million tokens
 * costs the lexer a few microseconds per token before being refused, never a parse tree.
 * Syntax errors are left to the parser, which reports them with their own code.
 */
export function exceedsTokenLimit(document: string, max: number): boolean {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++count > max) return true;
    }
  } catch {
    return false;
  }
  return false;
}
