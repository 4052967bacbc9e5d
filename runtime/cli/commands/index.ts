import type { Command } from '../command.ts';
import { demoCommand } from './demo.ts';
import { emulatorsCommand } from './emulators.ts';
import { enableStreamCommand } from './enable-stream.ts';
import { runCommand } from './run.ts';

export const commands: Command[] = [runCommand, enableStreamCommand, emulatorsCommand, demoCommand];
