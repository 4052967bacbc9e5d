// RAM policy documents as plain data, with the least-privilege rules every grant must keep.

export interface PolicyStatement {
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version: '1';
  Statement: PolicyStatement[];
}

/** Something a construct can grant access to: in practice a function's role. */
export interface Grantee {
  addToPolicy(statement: PolicyStatement): void;
}

/** Why a statement is broader than a grant may be, or undefined when it is exact. */
export function breadthProblem(statement: PolicyStatement): string | undefined {
  if (statement.Action.length === 0 || statement.Resource.length === 0) return 'a statement needs actions and resources';
  const wildAction = statement.Action.find((a) => a.includes('*'));
  if (wildAction) return `action "${wildAction}" uses a wildcard: name each API`;
  const bare = statement.Resource.find((r) => r.trim() === '*' || /^acs:[^:]+:[^:]*:[^:]*:\*$/.test(r));
  if (bare) return `resource "${bare}" matches everything: scope it to the exact instance/table or bucket/prefix`;
  return undefined;
}

export function policyDocument(statements: PolicyStatement[]): PolicyDocument {
  return { Version: '1', Statement: statements };
}

/** The trust policy that lets Function Compute assume a role. */
export function serviceTrustPolicy(service: string): string {
  return JSON.stringify({
    Version: '1',
    Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: [service] } }],
  });
}
