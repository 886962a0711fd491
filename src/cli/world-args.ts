// The options of a run that decide which DNS it reads, as argv: a command a fix suggests carries
// them, so pasting it reads the same world (--zone/--overlay files as given, relative to the same
// working folder; --view; --resolver or --doh; --config when one was named).
import type { GlobalOptions } from './command.js';
import type { WorldArgs } from '../findings/suggested-command.js';

/** The live DNS servers asked (--resolver, --doh) and the config file named. */
export function liveWorldArgs(options: GlobalOptions): string[] {
  const out: string[] = [];
  for (const r of options.resolver) out.push('--resolver', r);
  if (options.doh !== null) out.push('--doh', options.doh);
  if (options.config !== null) out.push('--config', options.config);
  return out;
}

/** Zone paths read as --zone (the whole world) or --overlay (over the live DNS), with the view. */
export function zoneWorldArgs(option: '--zone' | '--overlay', paths: readonly string[], view: string | null): string[] {
  const out = paths.flatMap((p) => [option, p]);
  if (view !== null && paths.length > 0) out.push('--view', view);
  return out;
}

export function worldArgs(options: GlobalOptions): WorldArgs {
  return [
    ...zoneWorldArgs('--zone', options.zone, options.view),
    ...zoneWorldArgs('--overlay', options.overlay, options.zone.length > 0 ? null : options.view),
    ...liveWorldArgs(options),
  ];
}
