// Which providers the predictor answers for: `--providers gmail,icloud` (or `all`), `providers` in a
// profile or in the config (a list of ids, or "all"). Gmail, Outlook.com and Yahoo by default; iCloud,
// GMX/WEB.DE and La Poste only when asked, so existing gates keep their colour.
import type { ProviderId } from './types.js';

/** Every provider the predictor has rules for, in the registry's order. */
export const ALL_PROVIDERS: readonly ProviderId[] = ['gmail', 'outlook', 'yahoo', 'icloud', 'gmx', 'laposte'];
/** The providers predicted when nothing asks for others. */
export const DEFAULT_PROVIDERS: readonly ProviderId[] = ['gmail', 'outlook', 'yahoo'];

export const isProviderId = (s: string): s is ProviderId => (ALL_PROVIDERS as readonly string[]).includes(s);

/**
 * The providers named by `items` ("all", or ids; any case), in the registry's order, each once; or
 * a one-line reason they are not providers.
 */
export function selectProviders(items: readonly string[]): readonly ProviderId[] | string {
  const named = items.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
  if (named.length === 1 && named[0] === 'all') return ALL_PROVIDERS;
  const unknown = named.filter((t) => !isProviderId(t));
  if (unknown.length > 0) return `'${unknown.join("', '")}' ${unknown.length === 1 ? 'is not a provider' : 'are not providers'} (${ALL_PROVIDERS.join(', ')}, or all)`;
  if (named.length === 0) return `names no provider (${ALL_PROVIDERS.join(', ')}, or all)`;
  return ALL_PROVIDERS.filter((p) => named.includes(p));
}
