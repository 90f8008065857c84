import { Migration } from '@mikro-orm/migrations';

export class Migration20261124025645 extends Migration {

  override name = 'Migration20261124025645';

  override up(): void | Promise<void> {
    this.addSql(`create table \`agents\` (\`id\` text not null primary key, \`code\` text not null, \`name\` text null, \`mode\` text not null default 'embedded', \`runtime\` text null, \`status\` text not null default 'PENDING', \`last_heartbeat_at\` datetime null, \`disabled_at\` datetime null, \`revoked_at\` datetime null, \`reenrol_allowed\` integer not null default false, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`agents_code_unique\` on \`agents\` (\`code\`);`);
    this.addSql(`create index \`agents_status_last_heartbeat_at_index\` on \`agents\` (\`status\`, \`last_heartbeat_at\`);`);

    this.addSql(`create table \`agent_tokens\` (\`id\` text not null primary key, \`agent_id\` text not null, \`token_hash\` text not null, \`status\` text not null default 'ACTIVE', \`last_used_at\` datetime null, \`revoked_at\` datetime null, \`created_at\` datetime not null, constraint \`agent_tokens_agent_id_foreign\` foreign key (\`agent_id\`) references \`agents\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`agent_tokens_agent_id_index\` on \`agent_tokens\` (\`agent_id\`);`);
    this.addSql(`create unique index \`agent_tokens_token_hash_unique\` on \`agent_tokens\` (\`token_hash\`);`);
    this.addSql(`create index \`agent_tokens_agent_id_status_index\` on \`agent_tokens\` (\`agent_id\`, \`status\`);`);

    this.addSql(`create table \`audit_events\` (\`id\` text not null primary key, \`actor_type\` text not null, \`actor_id\` text null, \`action\` text not null, \`target_type\` text null, \`target_id\` text null, \`result\` text not null default 'SUCCESS', \`message\` text null, \`request_id\` text null, \`ip_address\` text null, \`user_agent\` text null, \`metadata\` json not null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`audit_events_action_created_at_index\` on \`audit_events\` (\`action\`, \`created_at\`);`);
    this.addSql(`create index \`audit_events_target_type_target_id_index\` on \`audit_events\` (\`target_type\`, \`target_id\`);`);
    this.addSql(`create index \`audit_events_actor_type_actor_id_index\` on \`audit_events\` (\`actor_type\`, \`actor_id\`);`);
    this.addSql(`create index \`audit_events_created_at_index\` on \`audit_events\` (\`created_at\`);`);

    this.addSql(`create table \`capsule_services\` (\`id\` text not null primary key, \`agent_id\` text not null, \`code\` text not null, \`name\` text not null, \`description\` text null, \`version\` text null, \`runtime\` text null, \`status\` text not null default 'UNKNOWN', \`health_status\` text not null default 'UNKNOWN', \`manifest\` json not null, \`report_hash\` text null, \`last_reported_at\` datetime null, \`last_health_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`capsule_services_agent_id_foreign\` foreign key (\`agent_id\`) references \`agents\` (\`id\`));`);
    this.addSql(`create index \`capsule_services_agent_id_index\` on \`capsule_services\` (\`agent_id\`);`);
    this.addSql(`create unique index \`capsule_services_code_unique\` on \`capsule_services\` (\`code\`);`);
    this.addSql(`create index \`capsule_services_created_at_index\` on \`capsule_services\` (\`created_at\`);`);
    this.addSql(`create index \`capsule_services_status_index\` on \`capsule_services\` (\`status\`);`);

    this.addSql(`create table \`action_definitions\` (\`id\` text not null primary key, \`service_id\` text not null, \`name\` text not null, \`label\` text not null, \`description\` text null, \`danger_level\` text not null default 'LOW', \`requires_confirmation\` integer not null default false, \`input_schema\` json not null, \`timeout_seconds\` integer null, \`category\` text null, \`sort_order\` integer null, \`enabled\` integer not null default true, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`action_definitions_service_id_foreign\` foreign key (\`service_id\`) references \`capsule_services\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`action_definitions_service_id_index\` on \`action_definitions\` (\`service_id\`);`);
    this.addSql(`create unique index \`action_definitions_service_id_name_unique\` on \`action_definitions\` (\`service_id\`, \`name\`);`);

    this.addSql(`create table \`commands\` (\`id\` text not null primary key, \`agent_id\` text not null, \`service_id\` text not null, \`type\` text not null, \`action_name\` text not null, \`status\` text not null default 'PENDING', \`payload\` json not null, \`sealed_secrets\` text null, \`created_by_user_id\` text null, \`error_code\` text null, \`error_message\` text null, \`idempotency_key\` text null, \`retry_of_command_id\` text null, \`causation_event_id\` text null, \`causation_depth\` integer null, \`run_timeout_seconds\` integer not null, \`cancel_signalled_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`started_at\` datetime null, \`completed_at\` datetime null, \`expires_at\` datetime null);`);
    this.addSql(`create index \`commands_created_at_index\` on \`commands\` (\`created_at\`);`);
    this.addSql(`create index \`commands_status_expires_at_index\` on \`commands\` (\`status\`, \`expires_at\`);`);
    this.addSql(`create index \`commands_service_id_created_at_index\` on \`commands\` (\`service_id\`, \`created_at\`);`);
    this.addSql(`create index \`commands_agent_id_status_created_at_index\` on \`commands\` (\`agent_id\`, \`status\`, \`created_at\`);`);

    this.addSql(`create table \`command_results\` (\`id\` text not null primary key, \`command_id\` text not null, \`agent_id\` text not null, \`success\` integer not null, \`message\` text null, \`data\` json not null, \`error\` json not null, \`idempotency_key\` text null, \`reported_at\` datetime not null);`);
    this.addSql(`create unique index \`command_results_command_id_unique\` on \`command_results\` (\`command_id\`);`);
    this.addSql(`create index \`command_results_agent_id_reported_at_index\` on \`command_results\` (\`agent_id\`, \`reported_at\`);`);

    this.addSql(`create table \`config_items\` (\`id\` text not null primary key, \`service_id\` text not null, \`config_key\` text not null, \`label\` text null, \`type\` text not null, \`source\` text null, \`editable\` integer not null default false, \`sensitive\` integer not null default false, \`value_preview\` text null, \`default_value\` text null, \`secret_ref\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`config_items_service_id_foreign\` foreign key (\`service_id\`) references \`capsule_services\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`config_items_service_id_index\` on \`config_items\` (\`service_id\`);`);
    this.addSql(`create unique index \`config_items_service_id_config_key_unique\` on \`config_items\` (\`service_id\`, \`config_key\`);`);

    this.addSql(`create table \`health_reports\` (\`id\` text not null primary key, \`service_id\` text not null, \`agent_id\` text not null, \`status\` text not null, \`message\` text null, \`details\` json not null, \`reported_at\` datetime not null, constraint \`health_reports_service_id_foreign\` foreign key (\`service_id\`) references \`capsule_services\` (\`id\`) on delete cascade);`);
    this.addSql(`create index \`health_reports_service_id_index\` on \`health_reports\` (\`service_id\`);`);
    this.addSql(`create index \`health_reports_reported_at_index\` on \`health_reports\` (\`reported_at\`);`);
    this.addSql(`create index \`health_reports_service_id_reported_at_index\` on \`health_reports\` (\`service_id\`, \`reported_at\`);`);

    this.addSql(`create table \`registration_tokens\` (\`id\` text not null primary key, \`name\` text not null, \`token_hash\` text not null, \`status\` text not null default 'ACTIVE', \`agent_id\` text null, \`created_by_user_id\` text null, \`expires_at\` datetime null, \`used_at\` datetime null, \`revoked_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`registration_tokens_token_hash_unique\` on \`registration_tokens\` (\`token_hash\`);`);
    this.addSql(`create index \`registration_tokens_status_created_at_index\` on \`registration_tokens\` (\`status\`, \`created_at\`);`);

    this.addSql(`create table \`system_settings\` (\`id\` text not null primary key, \`key\` text not null, \`value\` json not null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`system_settings_key_unique\` on \`system_settings\` (\`key\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null primary key, \`username\` text not null, \`password_hash\` text not null, \`display_name\` text null, \`role\` text not null, \`status\` text not null default 'ACTIVE', \`last_login_at\` datetime null, \`password_changed_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`);
    this.addSql(`create index \`users_role_index\` on \`users\` (\`role\`);`);

    this.addSql(`create table \`sessions\` (\`id\` text not null primary key, \`token_hash\` text not null, \`user_id\` text not null, \`csrf_nonce\` text not null, \`created_at\` datetime not null, \`last_seen_at\` datetime not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, \`ip_address\` text null, \`user_agent\` text null, constraint \`sessions_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on delete cascade);`);
    this.addSql(`create unique index \`sessions_token_hash_unique\` on \`sessions\` (\`token_hash\`);`);
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);
    this.addSql(`create index \`sessions_expires_at_index\` on \`sessions\` (\`expires_at\`);`);
  }

}
