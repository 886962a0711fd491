// `authaudit [audit] <domain>...` (the default command): every check of each domain.
import { Option, type Command } from 'commander';
import type { CommandDefinition } from '../command.js';
import { collect, DEMO, withHelp } from '../help-text.js';
import { providersOption } from './predict.js';
import { addFetchOptions, addSmtpOptions } from './transport-options.js';

/** --selector, --ip, --profile, --providers and the HTTPS fetch options, shared by `audit` and `diff`. */
export function addAuditOptions(command: Command): Command {
  return addFetchOptions(command)
    .addOption(new Option('--selector <selector>', 'DKIM selector to check; repeatable (default: probe common selectors, or the config\'s)').argParser(collect))
    .addOption(new Option('--ip <addr>', 'sending address whose forward-confirmed reverse DNS to check; repeatable').argParser(collect))
    .addOption(new Option('--bimi-selector <name>', 'the BIMI selector to check (default: default)'))
    .addOption(new Option('--bimi-roots <pem>', 'PEM roots a BIMI mark certificate must chain to'))
    .addOption(new Option('--profile <file>', 'sending profiles (JSON, as for predict): predicts each provider\'s reply; repeatable').argParser(collect))
    .addOption(providersOption());
}

export const auditDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('audit', { isDefault: true })
      .description('every check of each domain: SPF tree, DMARC, DKIM, MX, reverse DNS of --ip, and predicted replies for sending profiles (the default command: "audit" may be left out)')
      .argument('[domains...]', 'domains to audit (default: the domains of the config file)')
      .addOption(new Option('--tree', 'list every term of the SPF tree (default: runs of ip4/ip6 terms summarised)'))
      .addOption(new Option('--dnssec', 'also validate the domain\'s records with DNSSEC and judge its MX hosts\' TLSA (as `authaudit dnssec`)'))
      .addOption(new Option('--trust-anchor <file>', 'with --dnssec: DS or DNSKEY records of the zone to trust (default: the IANA root anchors; offline, the zone files\' own keys)'));
    return withHelp(addSmtpOptions(addAuditOptions(command)), {
      examples: [
        [`${DEMO} northwind.example shop.example`, 'a verdict per domain, the findings with their fixes, the SPF tree'],
        [`${DEMO} --profile fixtures/demo/profiles.json megacorp.example`, 'the same, with the replies Gmail, Outlook.com and Yahoo are predicted to give'],
        [`audit clinic.example ${DEMO} --selector dkim --ip 192.0.2.40 --format json`, 'one DKIM selector and one sending address, as JSON'],
      ],
    });
  },
  load: () => import('../commands/audit.js').then((m) => m.auditCommand),
};
