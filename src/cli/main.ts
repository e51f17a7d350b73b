import { Command } from 'commander';
import { commandRegistrations } from './commands/index.ts';

export const buildProgram = (): Command => {
  const program = new Command('lookout')
    .description('Lookout: social customer-support mission control')
    .showHelpAfterError()
    .enablePositionalOptions();
  for (const register of commandRegistrations) register(program);
  return program;
};

const program = buildProgram();
await program.parseAsync(process.argv);
