// The one reader of e-mail addresses in header fields (messages, bounces): mailboxes of RFC 5322
// address fields (§3.4) — display names, quoted strings, comments, groups and angle addresses — read
// far enough to count the addresses of From and find their domains, and path fields. Header text
// arrives as latin1 (one character per byte); domains come back lower-cased.

export interface Mailbox {
  /** The addr-spec, as written. */
  address: string;
  /** The domain after the last "@", lower-cased; null when there is no "@". */
  domain: string | null;
}

/** Remove comments (nested, RFC 5322 §3.2.2) outside quoted strings; unfold. */
function stripComments(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && (quoted || depth > 0)) {
      if (depth === 0) out += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === '(') {
      depth++;
      continue;
    }
    if (!quoted && c === ')' && depth > 0) {
      depth--;
      continue;
    }
    if (depth === 0) out += c;
  }
  return out.replace(/\r\n(?=[ \t])/g, '');
}

/** Split on commas (and a group's ":" / ";") outside quoted strings and angle brackets. */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && quoted) {
      current += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '<') angle = true;
    else if (!quoted && c === '>') angle = false;
    if (!quoted && !angle && (c === ',' || c === ';')) {
      parts.push(current);
      current = '';
      continue;
    }
    if (!quoted && !angle && c === ':') {
      current = ''; // "group-name:" starts a group: what came before is its name
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** The mailboxes of an address field's value (From, Sender, Reply-To, To…). */
export function parseMailboxes(value: string): Mailbox[] {
  return splitList(stripComments(value)).map((part) => {
    const angle = /<([^>]*)>/.exec(part);
    const address = (angle === null ? part : (angle[1] as string)).trim().replace(/^@[^:]*:/, ''); // obs-route
    const at = address.lastIndexOf('@');
    const domain = at === -1 ? null : address.slice(at + 1).trim().replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
    return { address, domain: domain === '' ? null : domain };
  });
}

/** The address of a path field (Return-Path: <a@b>), '' for the null path <>; null when unreadable. */
export function parsePath(value: string): string | null {
  const text = stripComments(value).trim();
  const angle = /<([^>]*)>/.exec(text);
  if (angle !== null) return (angle[1] as string).trim();
  return text === '' ? null : text;
}

/** The domain of an address (after the last "@"), lower-cased; the text itself when it has no "@". */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
}
