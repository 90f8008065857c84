import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeType, type Opt } from '@mikro-orm/core';
import { CapsuleService } from './capsule-service.entity';

/** Config metadata as reported. A sensitive item never has a value stored, only its `secretRef`. */
@Entity({ tableName: 'config_items' })
@Unique({ properties: ['service', 'key'] })
export class ConfigItem {
  @PrimaryKey({ type: 'string', length: 40 })
  id: string;

  @ManyToOne(() => CapsuleService, { deleteRule: 'cascade' })
  service: CapsuleService;

  @Property({ type: 'string', length: 200, fieldName: 'config_key' })
  key: string;

  @Property({ type: 'string', length: 200, nullable: true })
  label: string | null = null;

  @Property({ type: 'string', length: 40 })
  type: string;

  @Property({ type: 'string', length: 200, nullable: true })
  source: string | null = null;

  @Property({ type: 'boolean' })
  editable: Opt<boolean> = false;

  @Property({ type: 'boolean' })
  sensitive: Opt<boolean> = false;

  @Property({ type: 'text', nullable: true })
  valuePreview: string | null = null;

  @Property({ type: 'text', nullable: true })
  defaultValue: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  secretRef: string | null = null;

  @Property({ type: DateTimeType })
  createdAt: Opt<Date> = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
