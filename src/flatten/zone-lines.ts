// Records as RFC 1035 §5.1 master-file lines: absolute owner, TTL, class, type, and each
// character-string quoted (`"` and `\` escaped, other bytes outside printable ASCII as \DDD).
function quote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${String(code).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function txtZoneLine(name: string, ttl: number, strings: readonly string[]): string {
  return `${name}. ${ttl} IN TXT ${strings.map(quote).join(' ')}`;
}
