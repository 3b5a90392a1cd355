// `sitrep worker` as its own process for the fault test: the real command module, registered alone so that
// the test does not depend on every other command loading.
import { Command } from 'commander';
import { register } from '../../src/cli/commands/worker.ts';

const program = new Command('sitrep');
register(program);
await program.parseAsync(process.argv);
