import { Construct } from 'constructs';
import { LogAlert } from '../../.gen/providers/alicloud/log-alert/index.ts';
import { alarmQuery, type AlarmThresholds } from '../alarm.ts';
import { escapeTemplate } from '../terraform-text.ts';
import type { FunctionLogs } from './function-logs.ts';

export interface JobAlarmProps {
  /** The alert rule's id in the project. */
  name: string;
  /** The job as its log lines name it. */
  job: string;
  logs: FunctionLogs;
  region: string;
  thresholds: AlarmThresholds;
  /** The SLS action policy that notifies; without one, alerts show in the project's alert center only. */
  actionPolicyId?: string;
  /** How often an alert that stays on is sent again, e.g. "1h". */
  repeatInterval: string;
}

/**
 * An SLS alert on one job's `run finished` lines: it fires when OSS trails the table by more than the
 * threshold, when runs fail, and when no run finishes at all (the timer stopped, or FC ends every run:
 * a timeout or out of memory leaves no `run finished` line).
 */
export class JobAlarm extends Construct {
  readonly alert: LogAlert;

  constructor(scope: Construct, id: string, props: JobAlarmProps) {
    super(scope, id);
    const { logs, thresholds } = props;
    const condition = (severity: number, expression: string) => ({ severity, evalCondition: { condition: expression, count_condition: '' } });
    this.alert = new LogAlert(this, 'alert', {
      projectName: logs.projectName,
      alertName: props.name,
      alertDisplayname: `ots2oss ${props.job}: behind, failing or stalled`,
      alertDescription: `OSS trails the table by more than ${thresholds.maxLagSeconds} s, a run failed, or no run finished, in the last ${thresholds.spanMinutes} minutes`,
      version: '2.0',
      type: 'default',
      schedule: { type: 'FixedRate', interval: '5m', runImmediately: true },
      queryList: [{
        project: logs.projectName,
        store: logs.logstoreName,
        storeType: 'log',
        region: props.region,
        query: alarmQuery(props.job),
        timeSpanType: 'Relative',
        start: `-${thresholds.spanMinutes}m`,
        end: 'now',
        powerSqlMode: 'auto',
      }],
      groupConfiguration: { type: 'no_group' },
      // The first condition met decides the severity.
      severityConfigurations: [
        condition(8, 'runs == 0'),
        condition(8, `lag > ${thresholds.maxLagSeconds}`),
        condition(6, 'failed > 0'),
      ],
      // The query returns a row even over no logs; this covers a query that returns none.
      noDataFire: true,
      noDataSeverity: 8,
      sendResolved: true,
      labels: [{ key: 'job', value: props.job }],
      annotations: [
        { key: 'title', value: `ots2oss ${props.job}: behind, failing or stalled` },
        { key: 'desc', value: escapeTemplate(`lag \${lag} s (alarm above ${thresholds.maxLagSeconds}), failed runs \${failed}, finished runs \${runs} in ${thresholds.spanMinutes} min. Run \`ots2oss status\` for the last error and the shards.`) },
      ],
      policyConfiguration: { alertPolicyId: 'sls.builtin.dynamic', actionPolicyId: props.actionPolicyId, repeatInterval: props.repeatInterval },
    });
  }
}
