import { otsEndpoint } from '../../config/endpoints.ts';
import { httpUrl, OTS_ENDPOINT_EXAMPLE } from '../../config/job.ts';
import { ConfigError } from '../../config/validation.ts';
import { createTablestoreClient } from '../../tablestore/client.ts';
import { enableStreamPatiently, readStreamState } from '../../tablestore/stream-admin.ts';
import { EXIT, intOption, requiredOption, stringOption, UsageError, type Command } from '../command.ts';
import { requireCredentials } from '../credentials.ts';

export const enableStreamCommand: Command = {
  name: 'enable-stream',
  summary: 'turn Tablestore Stream on for a table (idempotent; run by the stack at deploy time)',
  usage: [
    'Usage: ots2oss enable-stream --instance NAME --table NAME [--endpoint URL | --region ID] [--expiration-hours N] [--check]',
    '',
    'Enables the stream if it is off and sets its expiration; does nothing if it already matches.',
    'A table or instance created moments ago is waited for, up to 3 minutes.',
    'It never disables a stream (that would make older records unreadable).',
    '  --expiration-hours N  how long the stream keeps records, 1-168 (default 168)',
    '  --check               only report; exit 1 if the stream is off',
    '  --profile NAME        credentials from ~/.aliyun/config.json',
  ].join('\n'),
  options: {
    instance: { type: 'string' },
    table: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    'expiration-hours': { type: 'string' },
    check: { type: 'boolean' },
    profile: { type: 'string' },
  },
  async run(values) {
    const instance = requiredOption(values, 'instance', 'the Tablestore instance name');
    const table = requiredOption(values, 'table', 'the data table name');
    const hours = intOption(values, 'expiration-hours') ?? 168;
    if (hours < 1 || hours > 168) throw new UsageError('--expiration-hours must be between 1 and 168');
    const found = requireCredentials(process.env, stringOption(values, 'profile'));
    const region = stringOption(values, 'region') ?? found.region;
    const endpoint = stringOption(values, 'endpoint') ?? (region ? otsEndpoint(instance, region) : undefined);
    if (!endpoint) throw new UsageError('--endpoint or --region is required to reach the instance');
    // The SDK would refuse it only at the first call, in its own words.
    const checked = httpUrl(OTS_ENDPOINT_EXAMPLE).safeParse(endpoint);
    if (!checked.success) throw new ConfigError('the command line', [`--endpoint ${endpoint}: ${checked.error.issues[0]?.message}`]);
    const client = createTablestoreClient({ endpoint, instance, credentials: found.credentials });
    if (values.check) {
      const state = await readStreamState(client, table);
      console.log(JSON.stringify({ instance, table, ...state }));
      return state.enabled ? EXIT.ok : EXIT.failed;
    }
    const { outcome, state } = await enableStreamPatiently(client, table, hours, {
      onWait: (reason, delayMs) => console.error(`enable-stream: ${table} is not ready (${reason}); trying again in ${delayMs / 1000} s`),
    });
    console.log(JSON.stringify({ instance, table, outcome, ...state }));
    return EXIT.ok;
  },
};
