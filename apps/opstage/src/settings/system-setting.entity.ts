import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';

@Entity({ tableName: 'system_settings' })
export class SystemSetting {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @Unique()
  @Property({ type: 'string', length: 120 })
  key: string;

  @Property({ type: 'json' })
  value: Record<string, unknown>;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
