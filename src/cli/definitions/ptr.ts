// `authaudit ptr <addr>...`.
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';

export const ptrDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('ptr')
      .description('check forward-confirmed reverse DNS (PTR, then A/AAAA) of IPv4 and IPv6 sending addresses')
      .argument('<addr...>', 'sending addresses');
    return withHelp(command, {
      examples: [[`ptr 192.0.2.40 2001:db8:40::25 ${DEMO}`, 'each address: its PTR names, whether they resolve back to it']],
    });
  },
  load: () => import('../commands/ptr.js').then((m) => m.ptrCommand),
};
