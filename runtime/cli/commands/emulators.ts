import { startEmulators } from '../../../emulators/index.ts';
import { intOption, stringOption, type Command } from '../command.ts';

export const emulatorsCommand: Command = {
  name: 'emulators',
  summary: 'start local Tablestore (with Stream) and OSS emulators',
  usage: [
    'Usage: ots2oss emulators [--tablestore-port N] [--oss-port N] [--data-dir DIR] [--instance NAME]',
    '',
    'Starts both emulators on 127.0.0.1 (port 0 picks a free one). Once ready, prints one JSON line:',
    '  {"tablestore":"http://127.0.0.1:…","oss":"http://127.0.0.1:…","instance":…,"region":…,"accessKeyId":…,"accessKeySecret":…}',
    'With --data-dir, tables, streams and objects survive a restart. Stops cleanly on SIGINT/SIGTERM.',
  ].join('\n'),
  options: {
    'tablestore-port': { type: 'string' },
    'oss-port': { type: 'string' },
    'data-dir': { type: 'string' },
    instance: { type: 'string' },
  },
  async run(values) {
    const emulators = await startEmulators({
      tablestorePort: intOption(values, 'tablestore-port') ?? 0,
      ossPort: intOption(values, 'oss-port') ?? 0,
      dataDir: stringOption(values, 'data-dir'),
      instance: stringOption(values, 'instance'),
    });
    console.log(JSON.stringify(emulators.info));
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await emulators.close();
    return 0;
  },
};
