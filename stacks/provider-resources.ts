// Every Alibaba Cloud resource and data source a construct under stacks/ declares. The bindings
// in .gen are generated for exactly these (scripts/gen-providers.ts); a test keeps them in step.

export const USED_RESOURCES = [
  'alicloud_fcv3_function',
  'alicloud_fcv3_trigger',
  'alicloud_log_alert',
  'alicloud_log_project',
  'alicloud_log_store',
  'alicloud_log_store_index',
  'alicloud_oss_bucket',
  'alicloud_oss_bucket_acl',
  'alicloud_oss_bucket_public_access_block',
  'alicloud_oss_bucket_server_side_encryption',
  'alicloud_ots_instance',
  'alicloud_ots_table',
  'alicloud_ram_policy',
  'alicloud_ram_role',
  'alicloud_ram_role_policy_attachment',
] as const;

export const USED_DATA_SOURCES = ['alicloud_caller_identity'] as const;
