import { Migration } from '@mikro-orm/migrations';

export class Migration20261124142434 extends Migration {

  override name = 'Migration20261124142434';

  override up(): void | Promise<void> {
    this.addSql(`create table \`bus_dispatches\` (\`id\` text not null primary key, \`event_id\` text not null, \`route_id\` text not null, \`route_name\` text not null, \`target_service_code\` text not null, \`action_name\` text not null, \`dry_run\` integer not null, \`status\` text not null, \`payload\` json null, \`command_id\` text null, \`command_status\` text null, \`error_code\` text null, \`error_message\` text null, \`issues\` json null, \`attempts\` integer not null default 1, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`replayed_at\` datetime null);`);
    this.addSql(`create index \`bus_dispatches_command_id_index\` on \`bus_dispatches\` (\`command_id\`);`);
    this.addSql(`create index \`bus_dispatches_status_dry_run_created_at_index\` on \`bus_dispatches\` (\`status\`, \`dry_run\`, \`created_at\`);`);
    this.addSql(`create index \`bus_dispatches_route_id_status_index\` on \`bus_dispatches\` (\`route_id\`, \`status\`);`);
    this.addSql(`create index \`bus_dispatches_event_id_index\` on \`bus_dispatches\` (\`event_id\`);`);

    this.addSql(`create table \`bus_events\` (\`id\` text not null primary key, \`agent_id\` text not null, \`source_service_id\` text not null, \`source_service_code\` text not null, \`event_type\` text not null, \`client_event_id\` text null, \`payload\` json not null, \`metadata\` json not null, \`sealed_payload\` text null, \`correlation_id\` text not null, \`causation_id\` text null, \`depth\` integer not null default 0, \`dry_run\` integer not null default false, \`occurred_at\` datetime not null, \`accepted_at\` datetime not null, \`route_count\` integer not null default 0, \`outcome\` json not null);`);
    this.addSql(`create index \`bus_events_correlation_id_index\` on \`bus_events\` (\`correlation_id\`);`);
    this.addSql(`create index \`bus_events_event_type_source_service_code_index\` on \`bus_events\` (\`event_type\`, \`source_service_code\`);`);
    this.addSql(`create index \`bus_events_accepted_at_index\` on \`bus_events\` (\`accepted_at\`);`);
    this.addSql(`create index \`bus_events_agent_id_accepted_at_index\` on \`bus_events\` (\`agent_id\`, \`accepted_at\`);`);
    this.addSql(`create unique index \`bus_events_agent_id_client_event_id_unique\` on \`bus_events\` (\`agent_id\`, \`client_event_id\`);`);

    this.addSql(`create table \`bus_routes\` (\`id\` text not null primary key, \`name\` text not null, \`description\` text null, \`status\` text not null default 'DISABLED', \`event_type\` text not null, \`source_service_code\` text null, \`target_service_code\` text not null, \`action_name\` text not null, \`input_mapping\` json not null, \`condition\` json null, \`metadata\` json not null, \`created_by_user_id\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create index \`bus_routes_status_created_at_index\` on \`bus_routes\` (\`status\`, \`created_at\`);`);

    this.addSql(`alter table \`audit_events\` add column \`correlation_id\` text null;`);
    this.addSql(`create index \`audit_events_correlation_id_index\` on \`audit_events\` (\`correlation_id\`);`);

    this.addSql(`alter table \`commands\` add column \`correlation_id\` text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists \`bus_dispatches\`;`);
    this.addSql(`drop table if exists \`bus_events\`;`);
    this.addSql(`drop table if exists \`bus_routes\`;`);

    this.addSql(`drop index \`audit_events_correlation_id_index\`;`);
    this.addSql(`alter table \`audit_events\` drop column \`correlation_id\`;`);

    this.addSql(`alter table \`commands\` drop column \`correlation_id\`;`);
  }

}
