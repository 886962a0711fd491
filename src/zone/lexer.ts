// RFC 1035 §5.1 master-file syntax, split into entries of tokens: parentheses join lines,
// `;` starts a comment (not inside quotes), `"…"` is one token, `\X` and `\DDD` escape a character.
// Escapes are kept in the token text and decoded by escapes.ts, where names and strings differ.

import { zoneError, type Position } from './zone-file-error.js';

export interface Token extends Position {
  /** The token as written: quotes removed, escapes kept. */
  text: string;
  quoted: boolean;
}

export interface Entry extends Position {
  tokens: Token[];
  /** RFC 1035 §5.1: a line starting with a blank has no owner; the previous one applies. */
  inheritsOwner: boolean;
  /** Just after the last token, for "missing field" errors. */
  end: Position;
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t' || c === '\r';

export function tokenize(text: string, file: string): Entry[] {
  const entries: Entry[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  let openParen: Position | null = null;
  let current: Entry | null = null;
  const pos = (at: number): Position => ({ file, line, column: at - lineStart + 1 });

  const finish = (): void => {
    if (current !== null && current.tokens.length > 0) entries.push(current);
    current = null;
  };
  // Whether the physical line on which an entry begins starts with a blank.
  let firstCharBlank = false;
  const push = (token: Token, endAt: number): void => {
    if (current === null) current = { ...pos(lineStart), tokens: [], inheritsOwner: firstCharBlank, end: pos(endAt) };
    current.tokens.push(token);
    current.end = pos(endAt);
  };

  while (i < text.length) {
    const c = text[i] as string;
    if (i === lineStart && openParen === null) firstCharBlank = isBlank(c);
    if (c === '\n') {
      if (openParen === null) finish();
      line++;
      i++;
      lineStart = i;
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      if (openParen !== null) throw zoneError(pos(i), "nested '(': parentheses do not nest");
      if (current === null) {
        current = { ...pos(lineStart), tokens: [], inheritsOwner: firstCharBlank, end: pos(i) };
      }
      openParen = pos(i);
      i++;
      continue;
    }
    if (c === ')') {
      if (openParen === null) throw zoneError(pos(i), "')' without a matching '('");
      openParen = null;
      i++;
      continue;
    }
    if (c === '"') {
      const start = pos(i);
      let j = i + 1;
      for (;;) {
        const d = text[j];
        if (d === undefined || d === '\n') throw zoneError(start, 'unterminated quoted string');
        if (d === '\\') {
          if (text[j + 1] === undefined || text[j + 1] === '\n') throw zoneError(start, 'unterminated quoted string');
          j += 2;
          continue;
        }
        if (d === '"') break;
        j++;
      }
      push({ ...start, text: text.slice(i + 1, j), quoted: true }, j + 1);
      i = j + 1;
      continue;
    }
    const start = pos(i);
    let j = i;
    for (;;) {
      const d = text[j];
      if (d === undefined || d === '\n' || isBlank(d) || d === ';' || d === '(' || d === ')') break;
      if (d === '"') throw zoneError(pos(j), "unexpected '\"' inside a word: put a blank before the quoted string");
      if (d === '\\') {
        if (text[j + 1] === undefined || text[j + 1] === '\n') throw zoneError(pos(j), 'backslash at the end of a line');
        j += 2;
        continue;
      }
      j++;
    }
    push({ ...start, text: text.slice(i, j), quoted: false }, j);
    i = j;
  }
  if (openParen !== null) throw zoneError(openParen, "unterminated parenthesis: '(' is never closed");
  finish();
  return entries;
}
