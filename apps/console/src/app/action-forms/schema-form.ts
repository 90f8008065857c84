import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { JsonSchema } from './json-schema';
import { buildControl } from './schema-controls';
import { payloadOf } from './schema-payload';
import { SchemaField } from './schema-field';

/** A form generated from an action's `inputSchema`, seeded from the prepare phase's `initialPayload`. */
@Component({
  selector: 'ops-schema-form',
  imports: [SchemaField],
  template: `
    @if (hasFields()) {
      <ops-schema-field [name]="''" [schema]="objectSchema()" [control]="form()" />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchemaForm {
  readonly schema = input<JsonSchema | null | undefined>(null);
  readonly initialValue = input<Record<string, unknown> | null | undefined>(null);

  protected readonly objectSchema = computed<JsonSchema>(() => {
    const schema = this.schema() ?? {};
    return schema.properties ? schema : { type: 'object', properties: {} };
  });
  protected readonly hasFields = computed(() => Object.keys(this.objectSchema().properties ?? {}).length > 0);
  /** Rebuilt when the schema or the initial payload changes (e.g. after a prepare round-trip). */
  readonly form = computed(() => buildControl(this.objectSchema(), this.initialValue() ?? undefined, true) as FormGroup);

  valid(): boolean {
    return this.form().valid;
  }

  /** Marks every field touched so validation messages show, and tells whether the form may be submitted. */
  validate(): boolean {
    this.form().markAllAsTouched();
    return this.form().valid;
  }

  payload(): Record<string, unknown> {
    return (payloadOf(this.objectSchema(), this.form()) as Record<string, unknown>) ?? {};
  }
}
