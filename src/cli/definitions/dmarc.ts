// `authaudit dmarc <domain>`.
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';

export const dmarcDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('dmarc')
      .description('DMARC record, discovery by the Public Suffix List and the DNS tree walk, effective policies, report authorization')
      .argument('<domain>', 'the From (author) domain');
    return withHelp(command, {
      examples: [
        [`dmarc shop.example ${DEMO}`, 'the record, where each discovery finds it, the policies in effect, the findings'],
        [`dmarc news.shop.example ${DEMO} --format json`, "a subdomain's effective policy, as JSON"],
      ],
    });
  },
  load: () => import('../commands/dmarc.js').then((m) => m.dmarcCommand),
};
