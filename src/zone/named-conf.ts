// What a BIND configuration (named.conf, named.conf.local, …) says about zone files: its
// `zone "name" [class] { type …; file "…"; };` statements, inside `view "name" { … }` or not,
// `include "file";` statements (followed by the caller), and `options { directory "…"; };`, the
// base of relative paths. Everything else (acl, key, logging, controls, zone options other than
// type and file) is read past. The grammar is BIND's: statements end in `;`, blocks are `{ … };`,
// strings are double-quoted, comments are `//`, `#` and `/* … */` (named.conf(5)).

import { zoneError, type Position } from './zone-file-error.js';

/** A `zone` statement that names a file. */
export interface NamedConfZone {
  /** As written, without a trailing dot. */
  name: string;
  /** `primary`, `secondary`, `hint`, … (lower-cased; `master`/`slave` as written); null when absent. */
  type: string | null;
  /** The `file` clause as written. */
  file: string | null;
  /** The `view` it is in, or null. */
  view: string | null;
  /** The class after the name (`IN`, `CH`, …), upper-cased; null when absent (IN). */
  zoneClass: string | null;
  at: Position;
  /** Where the `file` clause is, for messages about the path. */
  fileAt: Position | null;
}

export interface NamedConfInclude {
  path: string;
  at: Position;
}

export interface NamedConf {
  zones: NamedConfZone[];
  includes: NamedConfInclude[];
  /** `options { directory "…"; }`, as written, or null. */
  directory: string | null;
  directoryAt: Position | null;
}

interface Token extends Position {
  text: string;
  /** `"…"` strings, the quotes removed. */
  quoted: boolean;
}

/** A statement: its words up to the block or the `;`, and the statements of its block. */
interface Statement {
  words: Token[];
  block: Statement[] | null;
}

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (index: number): Position => ({ file, line, column: index - lineStart + 1 });
  const newline = (index: number): void => {
    line += 1;
    lineStart = index + 1;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n') {
      newline(i);
      i += 1;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i += 1;
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const start = at(i);
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') newline(i);
        i += 1;
      }
      if (i >= text.length) throw zoneError(start, 'unterminated /* comment');
      i += 2;
    } else if (c === '"') {
      const start = at(i);
      let value = '';
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\n') throw zoneError(start, 'unterminated string');
        if (text[i] === '\\' && i + 1 < text.length) i += 1;
        value += text[i];
        i += 1;
      }
      if (i >= text.length) throw zoneError(start, 'unterminated string');
      i += 1;
      tokens.push({ ...start, text: value, quoted: true });
    } else if (c === '{' || c === '}' || c === ';') {
      tokens.push({ ...at(i), text: c, quoted: false });
      i += 1;
    } else {
      const start = at(i);
      let value = '';
      while (i < text.length && !/[\s{};"#]/.test(text[i] as string) && !(text[i] === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) {
        value += text[i];
        i += 1;
      }
      tokens.push({ ...start, text: value, quoted: false });
    }
  }
  return tokens;
}

/** Statements up to the closing `}` (or the end of the text at the top level). */
function parseStatements(tokens: Token[], from: { i: number }, closing: Token | null, end: Position): Statement[] {
  const statements: Statement[] = [];
  let words: Token[] = [];
  for (;;) {
    const t = tokens[from.i];
    if (t === undefined) {
      if (closing !== null) throw zoneError(closing, "this '{' is never closed");
      if (words.length > 0) throw zoneError(end, `missing ';' after '${words.map((w) => w.text).join(' ')}'`);
      return statements;
    }
    from.i += 1;
    if (!t.quoted && t.text === '}') {
      if (closing === null) throw zoneError(t, "'}' without a matching '{'");
      if (words.length > 0) throw zoneError(t, `missing ';' before '}'`);
      return statements;
    }
    if (!t.quoted && t.text === ';') {
      if (words.length > 0) statements.push({ words, block: null });
      words = [];
      continue;
    }
    if (!t.quoted && t.text === '{') {
      const block = parseStatements(tokens, from, t, end);
      const semicolon = tokens[from.i];
      if (semicolon === undefined || semicolon.quoted || semicolon.text !== ';') throw zoneError(semicolon ?? end, "missing ';' after '}'");
      from.i += 1;
      // `{ a; b; }` as a value (e.g. `also-notify { … };`) has words before it; so does a zone.
      statements.push({ words, block });
      words = [];
      continue;
    }
    words.push(t);
  }
}

/** Read one named.conf file's text. Throws ZoneFileError (file:line:column) for bad syntax. */
export function parseNamedConf(text: string, file: string): NamedConf {
  const tokens = tokenize(text, file);
  const lines = text.split('\n');
  const end: Position = { file, line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
  const statements = parseStatements(tokens, { i: 0 }, null, end);
  const conf: NamedConf = { zones: [], includes: [], directory: null, directoryAt: null };
  const read = (list: Statement[], view: string | null): void => {
    for (const statement of list) {
      const [keyword, ...args] = statement.words;
      if (keyword === undefined) continue;
      const word = keyword.text.toLowerCase();
      if (word === 'include' && !keyword.quoted) {
        const path = args[0];
        if (path === undefined || args.length !== 1) throw zoneError(keyword, 'include needs one file name: include "file";');
        conf.includes.push({ path: path.text, at: path });
      } else if (word === 'options' && statement.block !== null) {
        for (const option of statement.block) {
          const [name, value] = option.words;
          if (name?.text.toLowerCase() === 'directory' && value !== undefined) {
            conf.directory = value.text;
            conf.directoryAt = value;
          }
        }
      } else if (word === 'view' && statement.block !== null) {
        const name = args[0];
        if (name === undefined) throw zoneError(keyword, 'a view needs a name');
        read(statement.block, name.text);
      } else if (word === 'zone' && statement.block !== null) {
        conf.zones.push(zoneStatement(keyword, args, statement.block, view));
      }
    }
  };
  read(statements, null);
  return conf;
}

function zoneStatement(keyword: Token, args: Token[], block: Statement[], view: string | null): NamedConfZone {
  const name = args[0];
  if (name === undefined) throw zoneError(keyword, 'a zone statement needs a name: zone "example.com" { … };');
  const bare = name.text === '.' ? '' : name.text.replace(/\.$/, '');
  const zone: NamedConfZone = { name: bare, type: null, file: null, view, zoneClass: args[1]?.text.toUpperCase() ?? null, at: name, fileAt: null };
  for (const clause of block) {
    const [key, value] = clause.words;
    if (key === undefined || value === undefined) continue;
    const k = key.text.toLowerCase();
    if (k === 'type') zone.type = value.text.toLowerCase();
    else if (k === 'file') {
      zone.file = value.text;
      zone.fileAt = value;
    }
  }
  return zone;
}

/** File names that are BIND configurations rather than zone files. */
export function isNamedConfName(baseName: string): boolean {
  return /^named\.conf(\..*)?$/i.test(baseName) || /\.conf$/i.test(baseName);
}
