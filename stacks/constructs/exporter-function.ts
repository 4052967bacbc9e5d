import { AssetType, Fn, TerraformAsset, type ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { Fcv3Function } from '../../.gen/providers/alicloud/fcv3-function/index.ts';
import { Fcv3Trigger } from '../../.gen/providers/alicloud/fcv3-trigger/index.ts';
import type { JobConfig } from '../../runtime/config/job.ts';
import type { FunctionBundle } from '../bundle.ts';
import { JOB_ENV_VAR } from '../naming.ts';
import { escapeTemplate } from '../terraform-text.ts';
import type { FunctionLogs } from './function-logs.ts';
import type { FunctionRole } from './role.ts';

export interface ExporterFunctionProps {
  functionName: string;
  role: FunctionRole;
  bundle: FunctionBundle;
  /** The runtime job; serialized into the environment (it holds no secrets). */
  job: JobConfig;
  memoryMB?: number;
  timeoutSeconds?: number;
  /** FC timer: "@every 5m" or six-field cron, seconds first. */
  schedule: string;
  logs: FunctionLogs;
  /** Things that must exist before the timer starts firing, and outlive it on destroy (e.g. the stream being enabled). */
  startAfter?: ITerraformDependable[];
  tags?: Record<string, string>;
}

/** The FC 3.0 function running the bundled exporter, and the timer trigger that runs it. */
export class ExporterFunction extends Construct {
  readonly function: Fcv3Function;
  readonly trigger: Fcv3Trigger;
  readonly asset: TerraformAsset;

  constructor(scope: Construct, id: string, props: ExporterFunctionProps) {
    super(scope, id);
    this.asset = new TerraformAsset(this, 'code', { path: props.bundle.zipPath, type: AssetType.FILE, assetHash: props.bundle.sha256 });
    this.function = new Fcv3Function(this, 'function', {
      functionName: props.functionName,
      description: `ots2oss: ${props.job.source.instance}/${props.job.source.table} -> oss://${props.job.sink.bucket}`,
      runtime: 'nodejs20',
      handler: 'index.handler',
      role: props.role.arn,
      memorySize: props.memoryMB ?? 512,
      timeout: props.timeoutSeconds ?? 300,
      // One invocation per instance: a run holds a lease and streams to OSS; no sharing of memory.
      instanceConcurrency: 1,
      code: { zipFile: Fn.filebase64(this.asset.path) },
      environmentVariables: { [JOB_ENV_VAR]: escapeTemplate(JSON.stringify(props.job)) },
      logConfig: {
        project: props.logs.projectName,
        logstore: props.logs.logstoreName,
        enableRequestMetrics: true,
        enableInstanceMetrics: true,
        // One entry per line: every line is one JSON object. DefaultRegex would glue lines that do not
        // start with a date (all of ours) to the entry before them.
        logBeginRule: 'None',
      },
      tags: props.tags,
      // The role must hold its permissions before the first run.
      dependsOn: [props.role.attachment],
    });
    this.trigger = new Fcv3Trigger(this, 'timer', {
      functionName: this.function.functionName,
      qualifier: 'LATEST',
      triggerName: 'schedule',
      triggerType: 'timer',
      description: `runs the export on ${props.schedule}`,
      triggerConfig: JSON.stringify({ cronExpression: props.schedule, enable: true, payload: '{}' }),
      dependsOn: props.startAfter,
    });
  }
}
