import { join } from 'node:path';
import { startOssEmulator, type OssEmulator } from './oss/server.ts';
import { startTablestoreEmulator, type TablestoreEmulator } from './tablestore/index.ts';

// Starts the local Tablestore and OSS emulators together, with one pair of keys for both.

export const LOCAL_ACCESS_KEY_ID = 'ots2oss-local';
export const LOCAL_ACCESS_KEY_SECRET = 'ots2oss-local-secret';

export interface EmulatorsOptions {
  host?: string;
  tablestorePort?: number;
  ossPort?: number;
  dataDir?: string;
  instance?: string;
  now?: () => number;
}

/** What a client needs to reach the emulators; printed as one JSON line by `ots2oss emulators`. */
export interface EmulatorInfo {
  tablestore: string;
  oss: string;
  instance: string;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface Emulators {
  tablestore: TablestoreEmulator;
  oss: OssEmulator;
  info: EmulatorInfo;
  close(): Promise<void>;
}

export async function startEmulators(options: EmulatorsOptions = {}): Promise<Emulators> {
  const keys = { accessKeyId: LOCAL_ACCESS_KEY_ID, accessKeySecret: LOCAL_ACCESS_KEY_SECRET };
  const tablestore = await startTablestoreEmulator({
    ...keys,
    host: options.host,
    port: options.tablestorePort ?? 0,
    instance: options.instance,
    now: options.now,
    dataDir: options.dataDir ? join(options.dataDir, 'tablestore') : undefined,
  });
  let oss: OssEmulator;
  try {
    oss = await startOssEmulator({
      ...keys,
      host: options.host,
      port: options.ossPort ?? 0,
      dataDir: options.dataDir ? join(options.dataDir, 'oss') : undefined,
    });
  } catch (error) {
    await tablestore.close();
    throw error;
  }
  return {
    tablestore,
    oss,
    info: { tablestore: tablestore.endpoint, oss: oss.endpoint, instance: tablestore.instance, region: oss.region, ...keys },
    close: async () => {
      await Promise.all([tablestore.close(), oss.close()]);
    },
  };
}
