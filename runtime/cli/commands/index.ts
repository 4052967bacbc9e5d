import type { Command } from '../command.ts';
import { backfillCommand } from './backfill.ts';
import { demoCommand } from './demo.ts';
import { emulatorsCommand } from './emulators.ts';
import { enableStreamCommand } from './enable-stream.ts';
import { importDataWorksCommand } from './import-dataworks.ts';
import { resetCommand } from './reset.ts';
import { runCommand } from './run.ts';
import { statusCommand } from './status.ts';
import { verifyCommand } from './verify.ts';

export const commands: Command[] = [
  runCommand, backfillCommand, statusCommand, verifyCommand, resetCommand, enableStreamCommand, importDataWorksCommand, emulatorsCommand, demoCommand,
];
