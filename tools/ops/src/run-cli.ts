import { Command, CommanderError } from 'commander';

/** Runs a program to its end; exit 0, 1 on a failure, commander's code on a usage error. */
export async function runCli(program: Command, argv: readonly string[]): Promise<void> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    console.error(`${program.name()} failed:`, error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
