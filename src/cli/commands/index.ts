// Every command the CLI offers. Add a module here to register it.
import type { CommandModule } from '../command.js';
import { auditCommand } from './audit.js';
import { dkimCommand } from './dkim.js';
import { diffCommand } from './diff.js';
import { dmarcCommand } from './dmarc.js';
import { flattenCommand } from './flatten.js';
import { lookupCommand } from './lookup.js';
import { mxCommand } from './mx.js';
import { predictCommand } from './predict.js';
import { ptrCommand } from './ptr.js';
import { spfCommand } from './spf.js';

export const COMMANDS: CommandModule[] = [auditCommand, diffCommand, lookupCommand, dkimCommand, ptrCommand, mxCommand, dmarcCommand, spfCommand, predictCommand, flattenCommand];
