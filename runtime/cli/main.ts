import { ConfigError } from '../config/validation.ts';
import { EXIT, parseCommandArgs, UsageError, type Command } from './command.ts';
import { commands } from './commands/index.ts';

// `ots2oss <command> [flags]`: a thin shell over the same exporter the function runs.

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'ots2oss: export a Tablestore table\'s change stream to OSS, window by window, exactly once.',
    '',
    'Usage: ots2oss <command> [flags]     (ots2oss <command> --help for its flags)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Credentials come from ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and',
    'ALIBABA_CLOUD_SECURITY_TOKEN (or --profile, from ~/.aliyun/config.json); never from flags.',
    'Exit codes: 0 ok, 1 failed, 2 usage, 3 bad configuration, 4 verify found differences, 130 interrupted.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values.help) {
      console.log(command.usage);
      return EXIT.ok;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`ots2oss ${command.name}: ${error.message}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      console.error(`ots2oss ${command.name}: ${error.message}`);
      return EXIT.config;
    }
    console.error(`ots2oss ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

const entry = process.argv[1] ?? '';
if (entry.endsWith('cli/main.ts') || entry.endsWith('cli/main.js')) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
