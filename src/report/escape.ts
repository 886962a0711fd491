// DNS data is attacker-controlled text. Before it reaches a terminal, every control character
// (C0, DEL, C1 — which covers ESC and so every ANSI sequence) and every byte that is not
// printable is shown as an escape, so a TXT record cannot repaint the screen or fake output.

export function escapeForTerminal(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else if (code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
      // line separators and bidi overrides can disguise text
      out += `\\u{${code.toString(16)}}`;
    } else out += ch;
  }
  return out;
}

/**
 * For messages that quote user input in its own notation (zone-file `\DDD`, paths): control and
 * invisible characters escaped as above, backslashes left as they are so the quote reads as written.
 */
export function escapeControlCharacters(text: string): string {
  return text
    .split('\\')
    .map(escapeForTerminal)
    .join('\\');
}
