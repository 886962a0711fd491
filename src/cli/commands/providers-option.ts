// `--providers gmail,icloud` (or `all`) for the commands that predict (predict, audit, message), and
// how it combines with `providers` in a profile and in the config: the option wins for every
// stream; else a profile's own list; else the config's; else Gmail, Outlook.com and Yahoo.
import type { CliContext } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { selectProviders } from '../../providers/select.js';
import type { ProviderId } from '../../providers/types.js';
import type { SendingProfile } from '../../profile/types.js';

/** `--providers`, read; undefined when not given. */
export function readProviders(text: string | undefined): readonly ProviderId[] | undefined {
  if (text === undefined) return undefined;
  const read = selectProviders(text.split(','));
  if (typeof read === 'string') throw new UsageError(`--providers '${text}': ${read}`);
  return read;
}

/** The providers each stream is predicted for: --providers, else its own, else the config's (null: the default three). */
export function runProviders(ctx: CliContext, options: Record<string, unknown>): (own: readonly ProviderId[] | null) => readonly ProviderId[] | null {
  const given = readProviders(typeof options['providers'] === 'string' ? options['providers'] : undefined);
  const configured = ctx.config?.providers ?? null;
  return (own) => given ?? own ?? configured;
}

export const withProviders = (profiles: readonly SendingProfile[], choose: (own: readonly ProviderId[] | null) => readonly ProviderId[] | null): SendingProfile[] =>
  profiles.map((p) => ({ ...p, providers: choose(p.providers) }));
