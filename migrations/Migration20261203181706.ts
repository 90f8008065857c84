import { Migration } from '@mikro-orm/migrations';

export class Migration20261203181706 extends Migration {

  override name = 'Migration20261203181706';

  override up(): void | Promise<void> {
    this.addSql(`drop index \`agents_status_last_heartbeat_at_index\`;`);
    this.addSql(`create index \`agents_status_index\` on \`agents\` (\`status\`);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index \`agents_status_index\`;`);
    this.addSql(`create index \`agents_status_last_heartbeat_at_index\` on \`agents\` (\`status\`, \`last_heartbeat_at\`);`);
  }

}
