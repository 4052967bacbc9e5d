import { Construct } from 'constructs';
import { LogProject } from '../../.gen/providers/alicloud/log-project/index.ts';
import { LogStore } from '../../.gen/providers/alicloud/log-store/index.ts';
import { logstoreArn } from '../arn.ts';
import type { Grantee } from '../policy.ts';

export interface FunctionLogsProps {
  projectName: string;
  logstoreName?: string;
  region: string;
  account: string;
  retentionDays: number;
  tags?: Record<string, string>;
}

/** The SLS project and logstore the functions write their logs to (FC's log_config). */
export class FunctionLogs extends Construct {
  readonly project: LogProject;
  readonly logstore: LogStore;
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
