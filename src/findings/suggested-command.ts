// A command a fix suggests, as argv. The checks name the command and its arguments; the caller adds
// the options that give the run's world (`--zone`, `--overlay`, `--resolver`, …), so pasting the
// command reads the same DNS the report was made from. The command is a field of its own, never
// part of the fix text, so reports of one world read through different resolvers stay comparable.
import type { Finding } from './types.js';

/** The options of a run that decide which DNS it reads, as argv (empty for the live DNS). */
export type WorldArgs = readonly string[];

/** `authaudit <args...> <world...>`. */
export function suggestedCommand(args: readonly string[], world: WorldArgs = []): string[] {
  return ['authaudit', ...args, ...world];
}

/** The finding with the command its fix suggests. */
export function withCommand(f: Finding, args: readonly string[], world: WorldArgs = []): Finding {
  return { ...f, command: suggestedCommand(args, world) };
}

/**
 * POSIX shell words: an argument with anything but safe characters is single-quoted. A placeholder
 * the user replaces (`<zone>`, `<address>`) is shown as it is.
 */
export function shellWords(argv: readonly string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) || /^<[a-z-]+>$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
