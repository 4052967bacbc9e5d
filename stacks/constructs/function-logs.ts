import { Construct } from 'constructs';
import { LogProject } from '../../.gen/providers/alicloud/log-project/index.ts';
import { LogStore } from '../../.gen/providers/alicloud/log-store/index.ts';
import { LogStoreIndex } from '../../.gen/providers/alicloud/log-store-index/index.ts';
import { logstoreArn } from '../arn.ts';
import { LOG_KEYS, LOG_TOKENS } from '../log-keys.ts';
import type { Grantee } from '../policy.ts';

export interface FunctionLogsProps {
  projectName: string;
  logstoreName?: string;
  region: string;
  account: string;
  retentionDays: number;
  tags?: Record<string, string>;
}

/** The SLS project and logstore the functions write their logs to (FC's log_config), indexed for queries and alerts. */
export class FunctionLogs extends Construct {
  readonly project: LogProject;
  readonly logstore: LogStore;
  readonly index: LogStoreIndex;
  private readonly props: FunctionLogsProps;

  constructor(scope: Construct, id: string, props: FunctionLogsProps) {
    super(scope, id);
    this.props = props;
    this.project = new LogProject(this, 'project', {
      projectName: props.projectName,
      description: 'ots2oss exporter function logs',
      tags: props.tags,
    });
    this.logstore = new LogStore(this, 'logstore', {
      projectName: this.project.projectName,
      logstoreName: props.logstoreName ?? 'functions',
      retentionPeriod: props.retentionDays,
      shardCount: 1,
      autoSplit: true,
      maxSplitShardCount: 8,
    });
    // A logstore without an index cannot be searched, and so neither queried nor alerted on.
    this.index = new LogStoreIndex(this, 'index', {
      project: this.project.projectName,
      logstore: this.logstore.logstoreName,
      fullText: { caseSensitive: false, includeChinese: false, token: LOG_TOKENS },
      fieldSearch: [
        {
          name: 'message',
          type: 'json',
          token: LOG_TOKENS,
          enableAnalytics: true,
          jsonKeys: Object.entries(LOG_KEYS).map(([name, type]) => ({ name, type, docValue: true })),
        },
        // What FC adds to each entry; errorType says when FC ended a run (a timeout, out of memory).
        ...['functionName', 'qualifier', 'instanceID', 'errorType', 'hasFunctionError'].map((name) => ({ name, type: 'text', token: LOG_TOKENS, enableAnalytics: true })),
      ],
    });
  }

  get projectName(): string {
    return this.project.projectName;
  }

  get logstoreName(): string {
    return this.logstore.logstoreName;
  }

  /** FC writes a function's logs with the function's own role. */
  grantWrite(grantee: Grantee): void {
    const { region, account, projectName, logstoreName = 'functions' } = this.props;
    grantee.addToPolicy({ Effect: 'Allow', Action: ['log:PostLogStoreLogs'], Resource: [logstoreArn(region, account, projectName, logstoreName)] });
  }
}
