#!/usr/bin/env node
// The sitrep command line: one module per command in ./commands, each exporting `register(program)`.
// To add a command, add one import and one entry to COMMANDS below.
import { Command } from 'commander';
import { register as claims } from './commands/claims.ts';
import { register as control } from './commands/control.ts';
import { register as db } from './commands/db.ts';
import { register as evalCommand } from './commands/eval.ts';
import { register as events } from './commands/events.ts';
import { register as exportCommand } from './commands/export.ts';
import { register as extract } from './commands/extract.ts';
import { register as ingest } from './commands/ingest.ts';
import { register as serve } from './commands/serve.ts';
import { register as status } from './commands/status.ts';
import { register as worker } from './commands/worker.ts';

const COMMANDS: Array<(program: Command) => void> = [
  extract,
  db,
  status,
  worker,
  ingest,
  events,
  control,
  claims,
  exportCommand,
  serve,
  evalCommand,
];

const program = new Command('sitrep')
  .description('Sourced, geolocated situation picture from dated conflict reports')
  .version('0.1.0')
  .showHelpAfterError();
for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  // Users get one clear line, never a stack trace; SITREP_DEBUG shows the stack.
  const message = error instanceof Error ? error.message : String(error);
  console.error(`sitrep: ${message}`);
  if (process.env.SITREP_DEBUG && error instanceof Error) console.error(error.stack);
  process.exitCode = 1;
});
