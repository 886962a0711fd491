// `authaudit spf <domain> [--ip A [--sender S] [--helo H]]`.
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';
import { RFC7208_LIMITS } from '../../spf/limits.js';

export const spfDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('spf')
      .description("SPF lookup tree and findings; with --ip, check_host's result, explanation and trace (RFC 7208)")
      .argument('<domain>', 'the domain whose SPF record to audit')
      .option('--ip <addr>', 'evaluate check_host() for this client address (IPv4 or IPv6)')
      .option('--sender <addr>', 'MAIL FROM address, for macros (default: postmaster@<domain>)')
      .option('--helo <name>', 'HELO/EHLO name, for %{h} (default: <domain>)')
      .option('--tree', 'list every term of the tree (default: runs of ip4/ip6 terms summarised)');
    return withHelp(command, {
      examples: [
        [`spf megacorp.example ${DEMO}`, `the include tree, the DNS lookups in order against the limit of ${RFC7208_LIMITS.lookups}, the findings`],
        [`spf megacorp.example ${DEMO} --tree`, 'every term of the tree, ip4/ip6 ranges included'],
        [`spf megacorp.example ${DEMO} --ip 203.0.113.200 --sender news@megacorp.example`, "check_host()'s result for one sending address, with its trace"],
      ],
    });
  },
  load: () => import('../commands/spf.js').then((m) => m.spfCommand),
};
