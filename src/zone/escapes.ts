// RFC 1035 §5.1: `\X` is the character X taken literally, `\DDD` the byte with decimal value DDD.
// Text is Latin-1, so each character is one byte.

import type { Token } from './lexer.js';
import { zoneError, type Position } from './zone-file-error.js';

export interface TokenByte {
  byte: number;
  /** True when the byte came from an escape (an escaped '.' does not separate labels). */
  escaped: boolean;
}

/** The position of the character at `offset` in the token text. */
export function positionIn(token: Token, offset: number): Position {
  return { file: token.file, line: token.line, column: token.column + offset + (token.quoted ? 1 : 0) };
}

export function tokenBytes(token: Token): TokenByte[] {
  const out: TokenByte[] = [];
  const t = token.text;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c > 0xff) throw zoneError(positionIn(token, i), `character U+${c.toString(16).toUpperCase()} is not a byte`);
    if (t[i] !== '\\') {
      out.push({ byte: c, escaped: false });
      continue;
    }
    const digits = /^[0-9]{1,3}/.exec(t.slice(i + 1, i + 4))?.[0] ?? '';
    if (digits.length === 0) {
      out.push({ byte: t.charCodeAt(i + 1) & 0xff, escaped: true });
      i += 1;
      continue;
    }
    if (digits.length < 3) throw zoneError(positionIn(token, i), `bad escape '\\${digits}': \\DDD needs three decimal digits`);
    const value = Number(digits);
    if (value > 255) throw zoneError(positionIn(token, i), `bad escape '\\${digits}': a byte is at most 255`);
    out.push({ byte: value, escaped: true });
    i += 3;
  }
  return out;
}

export function tokenToBytes(token: Token): Uint8Array {
  return Uint8Array.from(tokenBytes(token), (b) => b.byte);
}
