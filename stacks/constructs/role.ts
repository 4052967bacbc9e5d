import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { RamPolicy } from '../../.gen/providers/alicloud/ram-policy/index.ts';
import { RamRolePolicyAttachment } from '../../.gen/providers/alicloud/ram-role-policy-attachment/index.ts';
import { RamRole } from '../../.gen/providers/alicloud/ram-role/index.ts';
import { breadthProblem, policyDocument, serviceTrustPolicy, type Grantee, type PolicyStatement } from '../policy.ts';

export interface FunctionRoleProps {
  /** Role and policy name (1-64 letters, digits, hyphens). */
  name: string;
  description?: string;
  /** Force-delete the role and policy on destroy, even if still attached elsewhere. */
  ephemeral?: boolean;
  tags?: Record<string, string>;
}

/**
 * A RAM role that Function Compute assumes, with one custom policy holding exactly the
 * statements the resources' grants add. Refuses wildcard actions and match-all resources.
 */
export class FunctionRole extends Construct implements Grantee {
  readonly role: RamRole;
  readonly policy: RamPolicy;
  readonly attachment: RamRolePolicyAttachment;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: FunctionRoleProps) {
    super(scope, id);
    const force = props.ephemeral ?? false;
    this.role = new RamRole(this, 'role', {
      roleName: props.name,
      description: props.description ?? 'Assumed by the ots2oss exporter function',
      assumeRolePolicyDocument: serviceTrustPolicy('fc.aliyuncs.com'),
      force,
      tags: props.tags,
    });
    this.policy = new RamPolicy(this, 'policy', {
      policyName: props.name,
      description: 'What the ots2oss exporter calls, on its own table, status table and prefix only',
      policyDocument: Lazy.stringValue({ produce: () => JSON.stringify(policyDocument(this.statements)) }),
      // Every change of the document is a new policy version, and RAM keeps five: without this the
      // sixth deploy that changes a grant fails.
      rotateStrategy: 'DeleteOldestNonDefaultVersionWhenLimitExceeded',
      force,
    });
    this.attachment = new RamRolePolicyAttachment(this, 'attachment', {
      roleName: this.role.roleName,
      policyName: this.policy.policyName,
      policyType: 'Custom',
    });
    this.node.addValidation({
      validate: () => (this.statements.length ? [] : [`${this.node.path}: no grant was added, so the policy would be empty`]),
    });
  }

  get arn(): string {
    return this.role.arn;
  }

  addToPolicy(statement: PolicyStatement): void {
    const problem = breadthProblem(statement);
    if (problem) throw new Error(`${this.node.path}: ${problem}`);
    this.statements.push(statement);
  }

  /** The statements granted so far (a copy). */
  get grants(): PolicyStatement[] {
    return structuredClone(this.statements);
  }
}
