// `authaudit tls-rpt <domain>`.
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';

export const tlsRptDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('tls-rpt')
      .description('check the TLS-RPT record (RFC 8460): where senders report failed TLS deliveries')
      .argument('<domain>', 'the domain that receives mail');
    return withHelp(command, {
      examples: [[`tls-rpt shop.example ${DEMO}`, 'the _smtp._tls record and its report addresses']],
    });
  },
  load: () => import('../commands/tls-rpt.js').then((m) => m.tlsRptCommand),
};
