#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader: no build step, and signals such as
// Ctrl-C reach the command itself (it finishes the window in hand before exiting).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../runtime/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
