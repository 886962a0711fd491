// Config values fill in what the command line left out; the command line always wins.
// --ignore is the exception: ids from both places are left out.
import type { GlobalOptions } from './command.js';
import type { AuthauditConfig } from '../config/types.js';

/**
 * `explicit` names the options the user typed (commander's getOptionValueSource() === 'cli'),
 * needed for options that have defaults (`failOn`, `timeout`).
 */
export function applyConfig(options: GlobalOptions, config: AuthauditConfig | null, explicit: ReadonlySet<keyof GlobalOptions>): GlobalOptions {
  if (config === null) return options;
  const ignore = [...options.ignore];
  for (const id of config.ignore) if (!ignore.includes(id)) ignore.push(id);
  return {
    ...options,
    zone: options.zone.length > 0 ? options.zone : [...config.zone],
    overlay: options.overlay.length > 0 ? options.overlay : [...config.overlay],
    view: options.view ?? config.view,
    resolver: options.resolver.length > 0 ? options.resolver : [...config.resolver.servers],
    doh: options.doh ?? config.resolver.doh,
    timeout: explicit.has('timeout') || config.resolver.timeout === null ? options.timeout : config.resolver.timeout,
    failOn: explicit.has('failOn') || config.failOn === null ? options.failOn : config.failOn,
    ignore,
    config: options.config ?? config.file,
  };
}
