// Walks the RDATA tokens of one zone-file entry, field by field, and says which field is missing
// or which token is one too many (at its place in the file).
import type { Token } from './lexer.js';
import { parseUnsigned } from './ttl.js';
import { zoneError, type Position } from './zone-file-error.js';

export class RdataCursor {
  private index = 0;
  constructor(
    private readonly type: string,
    private readonly tokens: readonly Token[],
    /** Where the entry ends, for "missing field" errors. */
    private readonly end: Position,
  ) {}
  next(what: string): Token {
    const t = this.tokens[this.index];
    if (t === undefined) throw zoneError(this.end, `${this.type} record is missing its ${what}`);
    this.index++;
    return t;
  }
  /** The next token as an unsigned number up to `max`. */
  uint(what: string, max: number): number {
    return parseUnsigned(this.next(what), `${this.type} ${what}`, max);
  }
  /** Every token left (base64 and hex may be split by blanks: RFC 4034 §2.2, RFC 6698 §2.2). */
  rest(what: string, atLeastOne: boolean): Token[] {
    const rest = this.tokens.slice(this.index);
    if (atLeastOne && rest.length === 0) throw zoneError(this.end, `${this.type} record is missing its ${what}`);
    this.index = this.tokens.length;
    return rest;
  }
  done(): void {
    const extra = this.tokens[this.index];
    if (extra !== undefined) throw zoneError(extra, `unexpected '${extra.text}' after the ${this.type} data`);
  }
}
