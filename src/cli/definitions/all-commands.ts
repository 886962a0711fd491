// Every command the CLI offers, in the order --help lists them. Add a definition here to register
// a command; its code loads only when it runs.
import type { CommandDefinition } from '../command.js';
import { auditDefinition } from './audit.js';
import { bimiDefinition } from './bimi.js';
import { bounceDefinition } from './bounce.js';
import { diffDefinition } from './diff.js';
import { dkimDefinition } from './dkim.js';
import { dmarcDefinition } from './dmarc.js';
import { dnssecDefinition } from './dnssec.js';
import { flattenDefinition } from './flatten.js';
import { lookupDefinition } from './lookup.js';
import { messageDefinition } from './message.js';
import { mxDefinition } from './mx.js';
import { mtaStsDefinition } from './mta-sts.js';
import { tlsRptDefinition } from './tls-rpt.js';
import { predictDefinition } from './predict.js';
import { ptrDefinition } from './ptr.js';
import { scanDefinition } from './scan.js';
import { spfDefinition } from './spf.js';

export const DEFINITIONS: readonly CommandDefinition[] = [
  auditDefinition,
  spfDefinition,
  dmarcDefinition,
  dkimDefinition,
  mxDefinition,
  mtaStsDefinition,
  tlsRptDefinition,
  bimiDefinition,
  dnssecDefinition,
  ptrDefinition,
  predictDefinition,
  messageDefinition,
  bounceDefinition,
  flattenDefinition,
  diffDefinition,
  scanDefinition,
  lookupDefinition,
];
