// `authaudit mx <domain>`.
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';

export const mxDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('mx')
      .description('check the MX hosts of a domain and their addresses, null MX (RFC 7505) and implicit MX')
      .argument('<domain>', 'the domain');
    return withHelp(command, {
      examples: [[`mx ledger.example ${DEMO}`, 'the MX hosts in preference order, their addresses, the findings']],
    });
  },
  load: () => import('../commands/mx.js').then((m) => m.mxCommand),
};
