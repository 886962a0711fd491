// `authaudit lookup <name> <type>`.
import type { CommandDefinition } from '../command.js';
import { RR_TYPES } from '../../dns/types.js';
import { DEMO, withHelp } from '../help-text.js';

export const lookupDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('lookup')
      .description('ask one DNS question and show the answer exactly as the resolver gives it')
      .argument('<name>', 'the name to ask for')
      .argument('<type>', `record type: ${RR_TYPES.join(' ')}`);
    return withHelp(command, {
      examples: [
        [`lookup _dmarc.shop.example TXT ${DEMO}`, 'the records in zone-file form, with their TTLs'],
        [`lookup nothing.shop.example A ${DEMO} --format json`, 'an NXDOMAIN answer as JSON, with its negative TTL'],
      ],
      exit0: 'the question was answered (records, NXDOMAIN or no data alike)',
      exit1: null,
    });
  },
  load: () => import('../commands/lookup.js').then((m) => m.lookupCommand),
};
