import { ossEndpoint, otsEndpoint } from '../config/endpoints.ts';
import type { JobConfig } from '../config/job.ts';
import { ConfigError } from '../config/validation.ts';
import { createOssClient } from '../oss/client.ts';
import { OssSink } from '../oss/sink.ts';
import { createTablestoreClient } from '../tablestore/client.ts';
import { TablestoreSource } from '../tablestore/source.ts';
import { TablestoreStatusStore } from '../tablestore/status-store.ts';
import { StreamClient, type Credentials } from '../tablestore/stream-client.ts';
import type { Logger } from '../util/logger.ts';
import { ByteThrottle } from '../util/throttle.ts';
import type { Retrier } from './retrier.ts';
import type { StatusStore } from './status-store.ts';
import { cellReadingFor, type StreamSource } from './source.ts';

// Builds the adapters a job runs on from its configuration and the caller's credentials.

export interface Endpoints {
  tablestore: string;
  oss: string;
  region?: string;
}

export function endpointsFor(job: JobConfig, region?: string): Endpoints {
  const tablestore = job.source.endpoint ?? (region ? otsEndpoint(job.source.instance, region) : undefined);
  const oss = job.sink.endpoint ?? (region ? ossEndpoint(region) : undefined);
  const missing = [
    ...(tablestore ? [] : ['source.endpoint: not set and no region is known; set it, or give the region (--region or ALIBABA_CLOUD_REGION)']),
    ...(oss ? [] : ['sink.endpoint: not set and no region is known; set it, or give the region (--region or ALIBABA_CLOUD_REGION)']),
  ];
  if (!tablestore || !oss) throw new ConfigError('job', missing);
  return { tablestore, oss, region };
}

export interface JobAdapters {
  source: StreamSource;
  sink: OssSink;
  store: StatusStore;
}

/** `logger` hears what the sink leaves behind (an upload it could not abort); pass the run's. */
export function connectJob(job: JobConfig, endpoints: Endpoints, credentials: Credentials, retry: Retrier, logger?: Logger): JobAdapters {
  const tables = createTablestoreClient({ endpoint: endpoints.tablestore, instance: job.source.instance, credentials });
  const streams = new StreamClient({ endpoint: endpoints.tablestore, instance: job.source.instance, credentials });
  const oss = createOssClient({ endpoint: endpoints.oss, bucket: job.sink.bucket, region: endpoints.region, credentials });
  return {
    source: new TablestoreSource(tables, streams, job.source.instance, job.source.table, cellReadingFor(job)),
    store: new TablestoreStatusStore(tables, job.source.statusTable),
    sink: new OssSink(oss, { config: job.sink, retry, logger, throttle: job.speed.mbps ? new ByteThrottle(job.speed.mbps) : undefined }),
  };
}
