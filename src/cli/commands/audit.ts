// `authaudit <domain>...` / `authaudit audit <domain>...` (the default command): every check of
// each domain, concurrently over the run's cache. Domains, selectors, addresses and sending
// profiles come from the command line, else from the config file.
import { Option, type Command } from 'commander';
import { UsageError, type CliContext, type CommandModule, type CommandResult } from '../command.js';
import { loadConfigProfiles } from '../../config/profiles.js';
import type { AuthauditConfig } from '../../config/types.js';
import type { Finding } from '../../findings/types.js';
import { filterFindings, parseIgnoreList } from '../../findings/filter.js';
import { checkDnsName } from '../../dkim/dns-name-syntax.js';
import { escapeForTerminal } from '../../report/escape.js';
import { parseAddress } from '../../ptr/address.js';
import { readProfileFiles } from './profile-files.js';
import type { SendingProfile } from '../../profile/types.js';
import { auditNamedDomains } from '../../audit/audit-named.js';
import { auditJson } from '../../audit/to-json.js';
import { renderAuditText } from '../../audit/render-text.js';
import { renderAuditMarkdown } from '../../audit/render-markdown.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const list = (options: Record<string, unknown>, key: string): string[] =>
  (Array.isArray(options[key]) ? (options[key] as string[]) : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');


/** --selector, --ip and --profile, shared by `audit` and `diff`. */
export function addAuditOptions(command: Command): Command {
  return command
    .addOption(new Option('--selector <selector>', 'DKIM selector to check (default: probe common selectors); repeatable').argParser(collect))
    .addOption(new Option('--ip <addr>', 'sending address whose forward-confirmed reverse DNS to check; repeatable').argParser(collect))
    .addOption(new Option('--profile <file>', 'sending profiles (JSON, as for predict): predicts each provider\'s reply; repeatable').argParser(collect));
}

export interface AuditInputs {
  /** Domains named on the command line, else the config's. */
  domains: string[];
  selectors: string[];
  selectorsFor: (domain: string) => readonly string[] | null;
  ips: string[];
  profiles: SendingProfile[];
}

function domainArgument(text: string): string {
  const checked = checkDnsName(text, 'domain');
  if (!checked.ok) throw new UsageError(checked.reason);
  // audit is the default command, so a misspelt command arrives here as a domain: a single-label
  // name is never a mail domain in practice, so say so instead of querying it
  if (!checked.name.includes('.')) {
    throw new UsageError(`'${escapeForTerminal(text)}' is neither a command nor a domain name with a dot (run authaudit --help for the commands)`);
  }
  return checked.name;
}

async function loadProfiles(files: string[], config: AuthauditConfig | null): Promise<SendingProfile[]> {
  // --profile replaces the config's profiles, like every command-line option. Both throw
  // ProfileError or ConfigError (usage errors, exit 2) naming file:line:column.
  if (files.length > 0) return readProfileFiles(files);
  return config === null ? [] : loadConfigProfiles(config);
}

/** Read the shared options and fall back to the config file; bad values are usage errors (exit 2). */
export async function readAuditInputs(ctx: CliContext, args: string[], options: Record<string, unknown>): Promise<AuditInputs> {
  const config = ctx.config;
  const domains = args.length > 0 ? args.map(domainArgument) : (config?.domains ?? []).map((d) => domainArgument(d.domain));
  const selectorsGiven = list(options, 'selector').map((s) => {
    const checked = checkDnsName(s, 'selector');
    if (!checked.ok) throw new UsageError(checked.reason);
    return checked.name;
  });
  const ipsGiven = list(options, 'ip');
  for (const ip of ipsGiven) {
    const parsed = parseAddress(ip);
    if (!parsed.ok) throw new UsageError(`--ip ${parsed.reason}`);
  }
  const perDomain = new Map((config?.domains ?? []).map((d) => [d.domain.toLowerCase(), d.selectors]));
  const profileFiles = Array.isArray(options['profile']) ? (options['profile'] as string[]) : [];
  return {
    domains,
    selectors: selectorsGiven.length > 0 ? selectorsGiven : (config?.selectors ?? []),
    // --selector applies to every domain; otherwise a domain's own selectors in the config win
    selectorsFor: (domain) => (selectorsGiven.length > 0 ? null : (perDomain.get(domain) ?? null)),
    ips: ipsGiven.length > 0 ? ipsGiven : (config?.ips ?? []),
    profiles: await loadProfiles(profileFiles, config),
  };
}

/** The run's --ignore, as a predicate. */
export function keepShown(ctx: CliContext): (f: Finding) => boolean {
  const ignore = parseIgnoreList(ctx.options.ignore);
  return (f) => filterFindings([f], ignore).length === 1;
}

export const auditCommand: CommandModule = {
  define(program: Command) {
    const command = program
      .command('audit', { isDefault: true })
      .description('every check of each domain: SPF tree, DMARC, DKIM, MX, reverse DNS of --ip, and predicted replies for sending profiles (the default command)')
      .argument('[domains...]', 'domains to audit (default: the domains of the config file)')
      .addOption(new Option('--tree', 'list every term of the SPF tree (default: runs of ip4/ip6 terms summarised)'));
    return addAuditOptions(command);
  },

  async run(ctx, args, options): Promise<CommandResult> {
    const inputs = await readAuditInputs(ctx, args, options);
    if (inputs.domains.length === 0) {
      throw new UsageError('audit: name at least one domain (authaudit <domain>...), or list "domains" in authaudit.config.json');
    }
    ctx.domainsStarted(inputs.domains.length);
    // a named domain the --zone files do not hold gets a short entry (zone-not-covered) instead of
    // an audit of NXDOMAIN answers; one outside the --overlay is audited live, and told so
    const audits = await auditNamedDomains(inputs.domains, ctx.resolver, {
      coverage: ctx.coverage,
      selectors: inputs.selectors,
      selectorsFor: inputs.selectorsFor,
      ips: inputs.ips,
      profiles: inputs.profiles,
      cache: false, // ctx.resolver is the run's cache already
      onProgress: (p) => ctx.domainDone(p.domain),
    });
    const findings = audits.flatMap((a) => a.findings);
    const keep = keepShown(ctx);
    return {
      data: auditJson(audits, findings.filter(keep)),
      findings,
      renderText: (shown, color) => renderAuditText(audits, shown, color, { fullTree: options['tree'] === true }),
      renderMarkdown: (shown) => renderAuditMarkdown(audits, shown, { fullTree: options['tree'] === true }),
    };
  },
};
