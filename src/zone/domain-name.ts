// Domain names in master files (RFC 1035 §5.1): absolute when they end in '.', else relative to
// the origin; '@' is the origin. Names are kept as authaudit passes them around: labels joined by
// '.', no trailing dot, bytes as Latin-1 characters, and a '.' or '\' inside a label escaped.

import { splitAtSeparators } from '../model/names.js';
import type { Token } from './lexer.js';
import { positionIn, tokenBytes } from './escapes.js';
import { zoneError } from './zone-file-error.js';

const MAX_LABEL = 63; // RFC 1035 §2.3.4
const MAX_NAME = 255; // RFC 1035 §2.3.4, in wire form

function escapeLabel(label: string): string {
  if (!label.includes('.') && !label.includes('\\')) return label;
  return label.replace(/[.\\]/g, (c) => `\\${c}`);
}

/** The labels of a name in authaudit form, unescaped, left to right (the root has none). */
export function splitNameLabels(name: string): string[] {
  if (name === '' || name === '.') return [];
  const out = splitAtSeparators(name, 'drop');
  if (out[out.length - 1] === '' && name.endsWith('.')) out.pop(); // a trailing (root) separator
  return out;
}

export function joinNameLabels(labels: readonly string[]): string {
  return labels.map(escapeLabel).join('.');
}

/** The name one label up ('' above a single label). */
export function parentName(name: string): string {
  return joinNameLabels(splitNameLabels(name).slice(1));
}

/** Wire length of a name: each label plus its length byte, plus the root byte. */
export function wireLength(labels: readonly string[]): number {
  return labels.reduce((n, l) => n + l.length + 1, 1);
}

/**
 * Read a domain name token. `origin` is null when no origin is known yet.
 * `what` names the field in error messages ("owner", "MX exchange", …).
 */
export function parseNameToken(token: Token, origin: string | null, what: string): string {
  if (token.quoted) throw zoneError(token, `${what} '${token.text}' must not be quoted`);
  let labels: string[];
  if (token.text === '@') {
    if (origin === null) throw zoneError(token, `'@' used as ${what} but no origin is set: add $ORIGIN`);
    labels = splitNameLabels(origin);
  } else if (token.text === '.') {
    labels = [];
  } else {
    const bytes = tokenBytes(token);
    const last = bytes[bytes.length - 1];
    const absolute = last !== undefined && last.byte === 0x2e && !last.escaped;
    const own: string[] = [];
    let label = '';
    let offset = 0;
    const raw = token.text;
    let labelStart = 0;
    for (let k = 0; k < bytes.length; k++) {
      const b = bytes[k] as { byte: number; escaped: boolean };
      if (b.byte === 0x2e && !b.escaped) {
        if (label === '') throw zoneError(positionIn(token, offset), `empty label in ${what} '${raw}'`);
        own.push(label);
        label = '';
        labelStart = offset + 1;
      } else {
        label += String.fromCharCode(b.byte);
        if (label.length > MAX_LABEL) {
          throw zoneError(positionIn(token, labelStart), `label in ${what} '${raw}' is longer than ${MAX_LABEL} bytes (RFC 1035 §2.3.4)`);
        }
      }
      offset += b.escaped ? rawEscapeLength(raw, offset) : 1;
    }
    if (!absolute) own.push(label);
    if (!absolute) {
      if (origin === null) {
        throw zoneError(token, `relative ${what} '${raw}' but no origin is set: end it with '.' or add $ORIGIN`);
      }
      own.push(...splitNameLabels(origin));
    }
    labels = own;
  }
  const length = wireLength(labels);
  if (length > MAX_NAME) {
    throw zoneError(token, `${what} '${token.text}' is ${length} bytes long in wire form: at most ${MAX_NAME} (RFC 1035 §2.3.4)`);
  }
  return joinNameLabels(labels);
}

/** How many characters of `raw` the escape starting at `offset` takes (`\X` is 2, `\DDD` is 4). */
function rawEscapeLength(raw: string, offset: number): number {
  return /^\\[0-9]{3}/.test(raw.slice(offset, offset + 4)) ? 4 : 2;
}
