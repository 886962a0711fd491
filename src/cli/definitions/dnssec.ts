// `authaudit dnssec <domain> [--trust-anchor FILE] [--selector S]... [--now T]`.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { collect, DEMO, withHelp } from '../help-text.js';
import { addSmtpOptions } from './transport-options.js';

const LAB = '--zone fixtures/dnssec/zones --trust-anchor fixtures/dnssec/lab-anchor.txt';

export const dnssecDefinition: CommandDefinition = {
  define(program) {
    const command = addSmtpOptions(program
      .command('dnssec')
      .description('validate the DNSSEC chain of the records mail relies on (RFC 4033-4035, RFC 5155), and the MX hosts\' DANE TLSA records (RFC 7672)')
      .argument('<domain>', 'the domain')
      .addOption(new Option('--trust-anchor <file>', 'DS or DNSKEY records of the zone to trust, in zone-file form (default: the IANA root anchors authaudit ships)'))
      .addOption(new Option('--selector <selector>', 'a DKIM selector whose key to validate too; repeatable').argParser(collect))
      .addOption(new Option('--now <time>', 'the time signatures must be valid at: ISO 8601 or seconds since the epoch (default: now)')));
    return withHelp(command, {
      examples: [
        [`dnssec signed.lab ${LAB}`, 'a signed lab world, validated offline from its own trust anchor: secure'],
        [`dnssec bogus.lab ${LAB}`, 'a record changed after signing: bogus, and why'],
        [`dnssec shop.example ${DEMO}`, 'unsigned zone files say so; without --zone the live DNS is validated from the root'],
      ],
    });
  },
  load: () => import('../commands/dnssec.js').then((m) => m.dnssecCommand),
};
