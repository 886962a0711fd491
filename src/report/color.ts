// Colour decisions and the few ANSI codes authaudit uses (no colour library: SGR codes only).

export interface ColorStream {
  isTTY?: boolean;
}

/**
 * Whether to colour output written to `stream`. In order: `--no-color` (flag false) wins;
 * NO_COLOR with any non-empty value disables (no-color.org); FORCE_COLOR enables unless it is
 * "0" or "false"; TERM=dumb disables; otherwise colour only on a TTY.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, stream: ColorStream, flag: boolean): boolean {
  if (!flag) return false;
  const noColor = env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? '' : `\u001b[${open}m${text}\u001b[${close}m`);
const identity = (text: string) => text;

/** ANSI painters when `color` is true, identity functions otherwise. */
export function paint(color: boolean): Paint {
  if (!color) return { bold: identity, dim: identity, red: identity, yellow: identity, cyan: identity, green: identity };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), green: sgr(32, 39) };
}
