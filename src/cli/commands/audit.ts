// `authaudit <domain>...` / `authaudit audit <domain>...` (the default command): every check of
// each domain, concurrently over the run's cache. Domains, selectors, addresses and sending
// profiles come from the command line, else from the config file.
import { anchorForDomain, trustAnchorOption } from '../trust-anchor-option.js';
import type { AuditOptions } from '../../audit/types.js';
import { type CliContext, type CommandRunner, type CommandResult } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { loadConfigProfiles } from '../../config/profiles.js';
import type { AuthauditConfig } from '../../config/types.js';
import type { Finding } from '../../findings/types.js';
import { filterFindings, parseIgnoreList } from '../../findings/filter.js';
import { checkDomainName } from '../../model/domain-name.js';
import { domainArgument, nameArgument } from '../domain-argument.js';
import { escapeForTerminal } from '../../report/escape.js';
import { readAddress } from '../../net/read-address.js';
import { worldArgs } from '../world-args.js';
import { readProfileFiles } from './profile-files.js';
import type { SendingProfile } from '../../profile/types.js';
import { auditNamedDomains } from '../../audit/audit-named.js';
import { transportAccess } from '../transport-access.js';
import { auditJsonDeferred } from '../../audit/to-json.js';
import { renderAuditText } from '../../audit/render-text.js';
import { renderAuditMarkdown } from '../../audit/render-markdown.js';
import { runProviders, withProviders } from './providers-option.js';
import { bimiOptions } from '../bimi-options.js';

const list = (options: Record<string, unknown>, key: string): string[] =>
  (Array.isArray(options[key]) ? (options[key] as string[]) : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');


export interface AuditInputs {
  /** Domains named on the command line, else the config's. */
  domains: string[];
  selectors: string[];
  selectorsFor: (domain: string) => readonly string[] | null;
  ips: string[];
  profiles: SendingProfile[];
}

/**
 * A domain named on the command line of audit (`defaultCommand`) or diff. audit is the default
 * command, so a misspelt command arrives there as a domain: a single-label name is never a mail
 * domain in practice, so say so instead of querying it.
 */
function auditDomainArgument(text: string, defaultCommand: boolean): string {
  const checked = checkDomainName(text);
  if (!checked.ok && checked.problem === 'single-label' && defaultCommand) {
    throw new UsageError(`'${text}' is neither a command nor a domain name with a dot (run authaudit --help for the commands)`);
  }
  return domainArgument(text);
}

async function loadProfiles(files: string[], config: AuthauditConfig | null): Promise<SendingProfile[]> {
  // --profile replaces the config's profiles, like every command-line option. Both throw
  // ProfileError or ConfigError (usage errors, exit 2) naming file:line:column.
  if (files.length > 0) return readProfileFiles(files);
  return config === null ? [] : loadConfigProfiles(config);
}

/**
 * Read the shared options and fall back to the config file; bad values are usage errors (exit 2).
 * `command` says whose arguments they are (audit, the default command, or diff).
 */
export async function readAuditInputs(ctx: CliContext, args: string[], options: Record<string, unknown>, command: 'audit' | 'diff'): Promise<AuditInputs> {
  const config = ctx.config;
  const domains = args.length > 0 ? args.map((a) => auditDomainArgument(a, command === 'audit')) : (config?.domains ?? []).map((d) => domainArgument(d.domain));
  const selectorsGiven = list(options, 'selector').map((s) => nameArgument(s, 'selector'));
  const ipsGiven = list(options, 'ip');
  for (const ip of ipsGiven) {
    const read = readAddress(ip);
    if (!read.ok) throw new UsageError(`--ip '${escapeForTerminal(ip)}' ${read.problem}`);
  }
  const perDomain = new Map((config?.domains ?? []).map((d) => [d.domain.toLowerCase(), d.selectors]));
  const profileFiles = Array.isArray(options['profile']) ? (options['profile'] as string[]) : [];
  const choose = runProviders(ctx, options);
  return {
    domains,
    selectors: selectorsGiven.length > 0 ? selectorsGiven : (config?.selectors ?? []),
    // --selector applies to every domain; otherwise a domain's own selectors in the config win
    selectorsFor: (domain) => (selectorsGiven.length > 0 ? null : (perDomain.get(domain) ?? null)),
    ips: ipsGiven.length > 0 ? ipsGiven : (config?.ips ?? []),
    profiles: withProviders(await loadProfiles(profileFiles, config), choose),
  };
}

/**
 * What every domain of a run is audited with (audit, scan): the inputs, the zones' coverage and
 * selectors, the world suggested commands carry, HTTPS fetches and the probe (off `fetchOffWhere`
 * unless --fetch), and BIMI's selector and roots.
 */
export function auditRunOptions(ctx: CliContext, inputs: AuditInputs, options: Record<string, unknown>, fetchOffWhere: string | null = null) {
  return {
    coverage: ctx.coverage,
    selectors: inputs.selectors,
    selectorsFor: inputs.selectorsFor,
    selectorsFromZone: (domain: string) => ctx.selectorsFromZone(domain),
    ips: inputs.ips,
    profiles: inputs.profiles,
    commandWorld: worldArgs(ctx.options),
    transport: transportAccess(ctx, options, fetchOffWhere),
    bimi: bimiOptions(options),
  };
}

/** The run's --ignore, as a predicate. */
export function keepShown(ctx: CliContext): (f: Finding) => boolean {
  const ignore = parseIgnoreList(ctx.options.ignore);
  return (f) => filterFindings([f], ignore).length === 1;
}

/** `--dnssec [--trust-anchor FILE]`: null (the plain audit) unless asked. */
async function dnssecOption(ctx: CliContext, options: Record<string, unknown>): Promise<AuditOptions['dnssec']> {
  const file = typeof options['trustAnchor'] === 'string' ? options['trustAnchor'] : undefined;
  if (options['dnssec'] !== true) {
    if (file !== undefined) throw new UsageError('--trust-anchor is for --dnssec: add --dnssec to validate');
    return null;
  }
  const given = file === undefined ? null : await trustAnchorOption(file);
  return { anchor: (domain) => anchorForDomain(ctx, given, domain) };
}

export const auditCommand: CommandRunner = {
  async run(ctx, args, options): Promise<CommandResult> {
    const inputs = await readAuditInputs(ctx, args, options, 'audit');
    if (inputs.domains.length === 0) {
      throw new UsageError('audit: name at least one domain (authaudit <domain>...), or list "domains" in authaudit.config.json');
    }
    ctx.domainsStarted(inputs.domains.length);
    // a named domain the --zone files do not hold gets a short entry (zone-not-covered) instead of
    // an audit of NXDOMAIN answers; one outside the --overlay is audited live, and told so
    const audits = await auditNamedDomains(inputs.domains, ctx.resolver, {
      ...auditRunOptions(ctx, inputs, options),
      cache: false, // ctx.resolver is the run's cache already
      onProgress: (p) => ctx.domainDone(p.domain),
      dnssec: await dnssecOption(ctx, options),
    });
    const findings = audits.flatMap((a) => a.findings);
    const keep = keepShown(ctx);
    // the JSON document (~70 KB a domain) is built only when a JSON report is written, and one domain
    // at a time as it is written (toJSON): the whole tree never exists at once beside the audits
    let data: Record<string, unknown> | undefined;
    return {
      get data() {
        data ??= auditJsonDeferred(audits, findings.filter(keep));
        return data;
      },
      findings,
      // --quiet (text only): the verdict lines and What to change
      renderText: (shown, color) => renderAuditText(audits, shown, color, { fullTree: options['tree'] === true, quiet: ctx.options.quiet }),
      renderMarkdown: (shown) => renderAuditMarkdown(audits, shown, { fullTree: options['tree'] === true }),
    };
  },
};
