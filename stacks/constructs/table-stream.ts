import { DataResource } from 'cdktf';
import { Construct } from 'constructs';
import type { TablestoreTable } from './tablestore.ts';

export interface TableStreamProps {
  table: TablestoreTable;
  /** Hours Tablestore keeps stream records (1-168). */
  expirationHours: number;
}

/**
 * Enables Tablestore Stream on a table at deploy time. The provider cannot (alicloud_ots_table
 * has no stream argument), so a terraform_data runs the project's own idempotent command on the
 * deployer's machine. Credentials reach it only through the inherited environment
 * (ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/SECURITY_TOKEN): never on the command line, never in state.
 * It runs again when the names or the expiration change, and when the stack replaces the table or the
 * instance (a new key, say): a replaced table starts without a stream, under the same names.
 */
export class TableStream extends Construct {
  readonly resource: DataResource;
  readonly command: string;

  constructor(scope: Construct, id: string, props: TableStreamProps) {
    super(scope, id);
    const { table, expirationHours } = props;
    if (!Number.isInteger(expirationHours) || expirationHours < 1 || expirationHours > 168) {
      throw new Error(`${this.node.path}: expirationHours must be a whole number from 1 to 168, got ${expirationHours}`);
    }
    // Names are validated to [A-Za-z0-9_-] and the endpoint to scheme://host[:port], so no quoting is needed.
    // --no: run the project's own bin, never fetch a package of that name from the registry.
    this.command = [
      'npx --no ots2oss enable-stream',
      `--endpoint ${table.instance.endpoint}`,
      `--instance ${table.instance.ref}`,
      `--table ${table.ref}`,
      `--expiration-hours ${expirationHours}`,
    ].join(' ');
    this.resource = new DataResource(this, 'enable', {
      triggersReplace: {
        instance: table.instance.ref,
        table: table.ref,
        expirationHours: String(expirationHours),
      },
      provisioners: [{ type: 'local-exec', command: this.command }],
    });
    // As bare addresses: cdktf writes the typed lifecycle option as "${...}", which Terraform refuses there.
    const replacedWith = [table.resource, table.instance.resource].filter((r) => r !== undefined);
    if (replacedWith.length) {
      this.resource.addOverride('lifecycle.replace_triggered_by', replacedWith.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`));
    }
  }
}
