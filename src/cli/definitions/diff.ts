// `authaudit diff --base <zone path> --head <zone path> [--offline] [domain...]`, or --base-ref, or --plan.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { collect, withHelp } from '../help-text.js';
import { addAuditOptions } from './audit.js';

export const diffDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('diff')
      .description('what a zone change introduces and fixes: audits the base and the head zone files and compares them')
      .argument('[domains...]', "domains to compare (default: the zones' apexes that publish MX, SPF or DMARC records)")
      .addOption(new Option('--base <path>', 'the zone files before the change (read like --zone: a file, a folder, a named.conf or NAME=FILE); repeatable').argParser(collect))
      .addOption(new Option('--base-ref <ref>', 'instead of --base: the --head paths as they are at this git ref or commit (read through git)'))
      .addOption(new Option('--head <path>', 'the zone files after the change; repeatable (default: "zones" in the config)').argParser(collect))
      .addOption(new Option('--plan <file>', 'instead of --head: a Terraform/OpenTofu plan (terraform show -json plan.out) laid over the live DNS, or over --base, record set by record set'))
      .addOption(new Option('--offline', 'the zone files are the whole world (default: the live DNS answers for names outside them)'));
    return withHelp(addAuditOptions(command), {
      examples: [
        ['diff --base fixtures/diff/base --head fixtures/diff/head --offline', 'the findings the change introduces and those it resolves'],
        ['diff --base fixtures/diff/base --head fixtures/diff/head --offline --format markdown', 'the same as a pull-request comment'],
        ['diff --base fixtures/diff/base --head fixtures/diff/head --offline --fail-on warning shop.example', 'one domain; exit 1 also for warnings the change introduces'],
        ['diff --plan fixtures/dns-as-code/terraform/plan.json --offline', "what a Terraform plan changes: its records' before and after values"],
      ],
      exit0: 'the change introduces nothing at or above --fail-on (default: error)',
      exit1: 'the change introduces findings at or above --fail-on',
    });
  },
  load: () => import('../commands/diff.js').then((m) => m.diffCommand),
};
