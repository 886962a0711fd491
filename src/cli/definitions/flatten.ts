// `authaudit flatten <domain> [--keep D]... [--check ZONE]`.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { DEFAULT_MAX_LOOKUPS, DEFAULT_PREFIX, DEFAULT_UDP_SIZE } from '../../flatten/types.js';
import { RFC7208_LIMITS } from '../../spf/limits.js';
import { collect, DEMO, withHelp } from '../help-text.js';

export const flattenDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('flatten')
      .description('flatten SPF records under the lookup limit, proven to authorize the same senders; --check finds stale published flattenings')
      .argument('<domain>', 'the domain whose SPF record to flatten')
      .addOption(new Option('--keep <domain>', 'keep this include as an include term; repeatable').argParser(collect))
      .addOption(new Option('--prefix <label>', 'chained record names: <prefix>1.<domain>, <prefix>2.<domain>, …').default(DEFAULT_PREFIX))
      .addOption(new Option('--max-lookups <n>', `DNS lookups the result may cost (RFC 7208 §4.6.4 allows ${RFC7208_LIMITS.lookups})`).default(String(DEFAULT_MAX_LOOKUPS)))
      .addOption(new Option('--udp-size <bytes>', 'largest DNS answer allowed for each record').default(String(DEFAULT_UDP_SIZE)))
      .addOption(new Option('--ttl <seconds>', "TTL of the emitted records (default: the current record's TTL)"))
      .addOption(new Option('--check <zone>', 'compare the flattened records published in this zone file (or folder) with flattening today'));
    return withHelp(command, {
      examples: [
        [`flatten megacorp.example ${DEMO}`, 'the records to publish, in order, proven to give every address the same result'],
        [`flatten megacorp.example ${DEMO} --keep sendwave.example`, 'the same, keeping one include as it is'],
        ['flatten acme.example --zone fixtures/flatten/world --check fixtures/flatten/published/stale', 'whether a published flattening is out of date (run it in CI daily)'],
      ],
      exit0: 'flattened and proven (with --check: the published records are up to date), nothing at or above --fail-on',
      exit1: 'no proven result, or --check found the published records out of date, or findings at or above --fail-on',
    });
  },
  load: () => import('../commands/flatten.js').then((m) => m.flattenCommand),
};
