// `authaudit dkim <domain> [--selector <s>]...`.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { collect, DEMO, withHelp } from '../help-text.js';

export const dkimDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('dkim')
      .description('check DKIM key records (RFC 6376, 8301, 8463); probes common selectors when none is named')
      .argument('<domain>', 'the signing domain (d=)')
      .addOption(new Option('--selector <selector>', 'a selector (s=) to check; repeatable (default: probe common selectors)').argParser(collect));
    return withHelp(command, {
      examples: [
        [`dkim clinic.example ${DEMO}`, 'the keys found at common selectors, their strength, the findings'],
        [`dkim clinic.example ${DEMO} --selector dkim`, 'one named selector'],
      ],
    });
  },
  load: () => import('../commands/dkim.js').then((m) => m.dkimCommand),
};
