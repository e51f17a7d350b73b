/**
 * npm run eval [-- --only sentiment,complaint]: the same as `lookout eval`.
 * Prints every triage quality figure and ends with one JSON line of all of them.
 */
import { Command } from 'commander';
import { registerEvalCommand } from '../../src/cli/commands/eval.ts';

const program = new Command('eval-runner');
registerEvalCommand(program);
await program.parseAsync(['node', 'eval', 'eval', ...process.argv.slice(2)]);
