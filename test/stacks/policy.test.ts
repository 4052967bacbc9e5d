import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TerraformStack, Testing } from 'cdktf';
import { build } from 'esbuild';
import { AlicloudProvider } from '../../.gen/providers/alicloud/provider/index.ts';
import { loadEnvironments } from '../../stacks/config.ts';
import { otsTableArn } from '../../stacks/arn.ts';
import { FunctionRole } from '../../stacks/constructs/role.ts';
import { STREAM_READ_ACTIONS, TABLE_READ_WRITE_ACTIONS } from '../../stacks/constructs/tablestore.ts';
import { breadthProblem, type PolicyDocument, type PolicyStatement } from '../../stacks/policy.ts';
import { projectRoot, resources, synthEnvironments, type Synthesized } from './support/synth.ts';

const ACCOUNT = '${data.alicloud_caller_identity.caller.account_id}';
const STREAM_READ = ['ots:DescribeStream', 'ots:DescribeTable', 'ots:GetShardIterator', 'ots:GetStreamRecord'];
const STATUS_READ_WRITE = ['ots:DeleteRow', 'ots:GetRange', 'ots:GetRow', 'ots:PutRow', 'ots:UpdateRow'];
const PREFIX_OBJECTS = ['oss:AbortMultipartUpload', 'oss:DeleteObject', 'oss:GetObject', 'oss:PutObject'];

interface Expected {
  region: string;
  instance: string;
  table: string;
  statusTable: string;
  bucket: string;
  prefix: string;
  logProject: string;
}

/** The one policy a job's function may hold, written out from the runtime's calls. */
function expectedStatements(e: Expected): PolicyStatement[] {
  const ots = (table: string) => `acs:ots:${e.region}:${ACCOUNT}:instance/${e.instance}/table/${table}`;
  return [
    { Effect: 'Allow', Action: STREAM_READ, Resource: [ots(e.table)] },
    { Effect: 'Allow', Action: STATUS_READ_WRITE, Resource: [ots(e.statusTable)] },
    { Effect: 'Allow', Action: PREFIX_OBJECTS, Resource: [`acs:oss:*:${ACCOUNT}:${e.bucket}/${e.prefix}*`] },
    { Effect: 'Allow', Action: ['oss:ListMultipartUploads', 'oss:ListObjects'], Resource: [`acs:oss:*:${ACCOUNT}:${e.bucket}`], Condition: { StringLike: { 'oss:Prefix': [`${e.prefix}*`] } } },
    { Effect: 'Allow', Action: ['log:PostLogStoreLogs'], Resource: [`acs:log:${e.region}:${ACCOUNT}:project/${e.logProject}/logstore/functions`] },
  ];
}

const sorted = (statements: PolicyStatement[]) =>
  statements.map((s) => ({ ...s, Action: [...s.Action].sort() })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('least privilege', () => {
  let stacks: Map<string, Synthesized>;
  let cleanup = () => {};
  const policies = (stack: string): Map<string, PolicyDocument> =>
    new Map(resources((stacks.get(stack) as Synthesized).doc, 'alicloud_ram_policy').map((p) => [String(p.policy_name), JSON.parse(String(p.policy_document)) as PolicyDocument]));

  before(async () => {
    ({ stacks, cleanup } = await synthEnvironments(loadEnvironments(join(projectRoot, 'environments'))));
  });
  after(() => cleanup());

  it('no policy in any stack has a wildcard action or a match-all resource', () => {
    let checked = 0;
    for (const name of stacks.keys()) {
      for (const [policy, doc] of policies(name)) {
        for (const s of doc.Statement) {
          checked++;
          assert.equal(s.Effect, 'Allow');
          for (const a of s.Action) assert.doesNotMatch(a, /\*/, `${policy}: action ${a}`);
          for (const r of s.Resource) {
            assert.notEqual(r.trim(), '*', `${policy}: bare * resource`);
            assert.doesNotMatch(r, /:\*$|\/\*\/|instance\/\*|table\/\*|\}:\*/, `${policy}: ${r} is not scoped`);
          }
        }
      }
    }
    assert.ok(checked >= 15, `checked ${checked} statements`);
  });

  it('dev: the job reads its table\'s stream, writes its status table and its prefix, and posts its logs: nothing else', () => {
    const docs = policies('dev');
    assert.deepEqual([...docs.keys()], ['ots2oss-dev-orders-dev']);
    const doc = docs.get('ots2oss-dev-orders-dev') as PolicyDocument;
    assert.equal(doc.Version, '1');
    assert.deepEqual(sorted(doc.Statement), sorted(expectedStatements({
      region: 'cn-hangzhou', instance: 'shop-dev', table: 'orders', statusTable: 'ots2oss_status',
      bucket: 'ots2oss-orders-dev', prefix: 'exports/orders/', logProject: `ots2oss-dev-dev-${ACCOUNT}`,
    })));
  });

  it('prod: each job is confined to its own table and prefix, sharing only the status table', () => {
    const docs = policies('prod');
    const common = { region: 'cn-shanghai', instance: 'shopprod', statusTable: 'ots2oss_status', logProject: `ots2oss-prod-${ACCOUNT}` };
    assert.deepEqual(sorted((docs.get('ots2oss-prod-orders') as PolicyDocument).Statement), sorted(expectedStatements({
      ...common, table: 'orders', bucket: 'shop-datalake', prefix: 'ots2oss/orders/',
    })));
    assert.deepEqual(sorted((docs.get('ots2oss-prod-inventory') as PolicyDocument).Statement), sorted(expectedStatements({
      ...common, table: 'inventory', bucket: 'shop-inventory-archive', prefix: 'inventory/',
    })));
    assert.doesNotMatch(JSON.stringify(docs.get('ots2oss-prod-orders')), /inventory/);
    assert.doesNotMatch(JSON.stringify(docs.get('ots2oss-prod-inventory')), /orders|datalake/);
  });

  it('grants exactly the Tablestore calls the function\'s code makes', async () => {
    const { metafile } = await build({
      entryPoints: [`${projectRoot}/runtime/handler.ts`], bundle: true, platform: 'node', format: 'cjs', packages: 'external',
      write: false, metafile: true, logLevel: 'silent', absWorkingDir: projectRoot,
    });
    const code = Object.keys(metafile.inputs).filter((f) => !f.endsWith('stream-client.ts')).map((f) => readFileSync(`${projectRoot}/${f}`, 'utf8'));
    const sdkCalls = code.flatMap((text) => [...text.matchAll(/sdkCall\('(\w+)'/g)].map((m) => m[1]!));
    const streamCalls = code.flatMap((text) => [...text.matchAll(/\.(listStream|describeStream|getShardIterator|getStreamRecord)\(/g)]
      .map((m) => m[1]![0]!.toUpperCase() + m[1]!.slice(1)));
    const called = new Set([...sdkCalls, ...streamCalls].map((op) => `ots:${op}`));
    assert.ok(called.has('ots:GetStreamRecord') && called.has('ots:PutRow'), `found ${[...called].join(', ')}`);
    assert.deepEqual(new Set([...STREAM_READ_ACTIONS, ...TABLE_READ_WRITE_ACTIONS]), called);
  });

  it('the bootstrap stack grants nothing', () => {
    assert.equal(policies('prod-state').size, 0);
  });
});

describe('grant guard rails', () => {
  const allow = (Action: string[], Resource: string[]): PolicyStatement => ({ Effect: 'Allow', Action, Resource });

  it('breadthProblem names wildcard actions and match-all resources', () => {
    assert.match(breadthProblem(allow(['ots:*'], ['acs:ots:cn-hangzhou:1:instance/a/table/b'])) ?? '', /action "ots:\*" uses a wildcard/);
    assert.match(breadthProblem(allow(['ots:Get*'], ['acs:ots:cn-hangzhou:1:instance/a/table/b'])) ?? '', /wildcard/);
    assert.match(breadthProblem(allow(['ots:GetRow'], ['*'])) ?? '', /matches everything/);
    assert.match(breadthProblem(allow(['ots:GetRow'], ['acs:ots:*:*:*'])) ?? '', /matches everything/);
    assert.match(breadthProblem(allow([], ['acs:ots:cn-hangzhou:1:instance/a/table/b'])) ?? '', /needs actions/);
    assert.equal(breadthProblem(allow(['oss:PutObject'], ['acs:oss:*:1:bucket/prefix/*'])), undefined);
  });

  it('a role refuses a broad grant, and an empty policy fails synthesis', () => {
    const stack = new TerraformStack(Testing.app(), 'guard');
    new AlicloudProvider(stack, 'alicloud', { region: 'cn-hangzhou' });
    const role = new FunctionRole(stack, 'role', { name: 'r' });
    assert.throws(() => role.addToPolicy(allow(['oss:*'], ['acs:oss:*:1:b/p*'])), /guard\/role: action "oss:\*" uses a wildcard/);
    assert.throws(() => Testing.synth(stack, true), /no grant was added, so the policy would be empty/);
    role.addToPolicy(allow(['oss:GetObject'], ['acs:oss:*:1:b/p*']));
    assert.doesNotThrow(() => Testing.synth(stack, true));
  });

  it('Tablestore ARNs carry the instance name in lower case, as RAM matches them', () => {
    assert.equal(otsTableArn('cn-hangzhou', '123', 'ShopDev', 'Orders'), 'acs:ots:cn-hangzhou:123:instance/shopdev/table/Orders');
  });
});
