// `authaudit bimi <domain> [--bimi-selector NAME] [--bimi-roots PEM] [--fetch] [--ca-file PEM]`.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';
import { addFetchOptions } from './transport-options.js';

export const bimiDefinition: CommandDefinition = {
  define(program) {
    const command = addFetchOptions(
      program
        .command('bimi')
        .description('check BIMI: the record, DMARC at enforcement, the SVG Tiny PS logo and the mark certificate (VMC/CMC), and which providers would show the logo')
        .argument('<domain>', 'the domain mail is sent from (its From domain)')
        .addOption(new Option('--bimi-selector <name>', 'the BIMI selector (default: default), as a BIMI-Selector header names it'))
        .addOption(new Option('--bimi-roots <pem>', 'PEM roots the mark certificate must chain to (the Mark Verifying Authorities\' roots are in no system store)')),
    );
    return withHelp(command, {
      examples: [
        [`bimi clinic.example ${DEMO}`, 'offline: the record and DMARC enforcement; the logo and certificate are not fetched without --fetch'],
        [`bimi northwind.example ${DEMO} --format json`, 'no BIMI record: one info finding, the report as JSON (with --bimi-roots PEM and network DNS, the chain is checked too)'],
      ],
    });
  },
  load: () => import('../commands/bimi.js').then((m) => m.bimiCommand),
};
