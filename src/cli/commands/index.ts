import type { Command } from 'commander';
import { registerStartCommand } from './start.ts';
import { registerMigrateCommand } from './migrate.ts';
import { registerAdminCommands } from './admin.ts';
import { registerImportCommand } from './import.ts';
import { registerReplayCommand } from './replay.ts';
import { registerDetectCommand } from './detect.ts';
import { registerClassifyCommand } from './classify.ts';
import { registerClassifierCommand } from './classifier.ts';
import { registerEvalCommand } from './eval.ts';
import { registerDrillCommands } from './drill.ts';

/**
 * Every `lookout <command>` registers itself here: one file per command (or command group),
 * one line in this list.
 */
type Register = (program: Command) => void;

export const commandRegistrations: Register[] = [registerStartCommand, registerMigrateCommand, registerAdminCommands, registerImportCommand, registerReplayCommand, registerDetectCommand, registerClassifyCommand, registerClassifierCommand, registerEvalCommand, registerDrillCommands];
