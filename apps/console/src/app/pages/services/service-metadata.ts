import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { JsonPipe } from '@angular/common';
import type { CapsuleServiceDetailDto } from '../../api/models/capsule-service-detail-dto';
import type { EventDeclarationDto } from '../../api/models/event-declaration-dto';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { CopyButton } from '../../ui/copy-button';
import { StatusChip } from '../../ui/status-chip';

type Metadata = Pick<CapsuleServiceDetailDto, 'capabilities' | 'events' | 'permissions' | 'actions'>;

/**
 * The v0.3 metadata a service declares in its manifest: capabilities, the events it publishes and consumes (with
 * their payload schemas, which the bus checks published events against) and its permissions with the actions they
 * cover. A service without any says so once instead of showing three empty sections.
 */
@Component({
  selector: 'ops-service-metadata',
  imports: [JsonPipe, CopyButton, StatusChip, TranslatePipe],
  template: `
    @if (reported()) {
      <section class="capabilities">
        <h3>{{ 'Capabilities' | t }}</h3>
        @for (c of service().capabilities; track c.code) {
          <div class="capability" [attr.data-capability]="c.code">
            <span class="mono">{{ c.code }}</span>
            @if (c.name) { <span>{{ c.name }}</span> }
            @if (c.description) { <span class="muted">{{ c.description }}</span> }
          </div>
        } @empty {
          <p class="muted">{{ 'None declared.' | t }}</p>
        }
      </section>
      @for (direction of directions; track direction.key) {
        <section [class]="'events-' + direction.key">
          <h3>{{ direction.title | t }}</h3>
          @for (e of service().events[direction.key]; track e.type) {
            <div class="event" [attr.data-event-type]="e.type">
              <div class="event-head">
                <span class="mono event-type">{{ e.type }}</span>
                @if (e.version) { <span class="muted">v{{ e.version }}</span> }
                @if (e.description) { <span class="event-description">{{ e.description }}</span> }
              </div>
              @if (e.payloadSchema) {
                <details class="schema">
                  <summary>{{ 'Payload schema' | t }}@if (schemaShape(e); as shape) { <span class="muted schema-shape">({{ 'fields: {fields}, required: {required}' | t: shape }})</span> }</summary>
                  <ops-copy-button [value]="(e.payloadSchema | json)" label="Copy schema" />
                  <pre class="json payload-schema">{{ e.payloadSchema | json }}</pre>
                </details>
              } @else {
                <p class="muted no-schema">{{ 'No payload schema: any payload is accepted.' | t }}</p>
              }
            </div>
          } @empty {
            <p class="muted">{{ 'None declared.' | t }}</p>
          }
        </section>
      }
      <section class="permissions">
        <h3>{{ 'Permissions' | t }}</h3>
        @for (p of permissions(); track p.code) {
          <div class="permission" [attr.data-permission]="p.code">
            <span class="mono">{{ p.code }}</span>
            @if (p.dangerLevel) { <ops-status-chip [status]="p.dangerLevel" /> }
            @if (p.description) { <span>{{ p.description }}</span> }
            <span class="covers">
              <span class="muted">{{ 'Covers' | t }}:</span>
              @for (a of p.actions; track a.name) {
                <span class="covered-action" [attr.data-action-name]="a.name" [class.undeclared]="!a.label">{{ a.label ?? a.name }} <span class="mono muted">{{ a.name }}</span>@if (!a.label) { <span class="muted">({{ 'not an action of this service' | t }})</span> }</span>
              } @empty {
                <span class="muted">{{ 'no actions' | t }}</span>
              }
            </span>
          </div>
        } @empty {
          <p class="muted">{{ 'None declared.' | t }}</p>
        }
      </section>
    } @else {
      <p class="muted metadata-none">{{ 'This service reports no capabilities, events or permissions (v0.3 manifest metadata).' | t }}</p>
    }
  `,
  styles: `
    h3 { font: var(--mat-sys-title-small); margin: 16px 0 8px; }
    .capability, .permission, .event { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .event { display: block; }
    .event-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; }
    .schema summary { cursor: pointer; color: var(--mat-sys-primary); margin: 4px 0; }
    .schema-shape { margin-left: 8px; }
    .schema pre { margin-top: 4px; }
    .no-schema { margin: 4px 0 0; }
    .covers { display: flex; flex-wrap: wrap; gap: 4px 12px; }
    .undeclared { color: var(--mat-sys-error); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServiceMetadata {
  readonly service = input.required<Metadata>();
  protected readonly directions = [
    { key: 'published', title: 'Published events' },
    { key: 'consumed', title: 'Consumed events' },
  ] as const;

  protected readonly reported = computed(() => {
    const { capabilities, events, permissions } = this.service();
    return capabilities.length + events.published.length + events.consumed.length + permissions.length > 0;
  });

  /** Each permission's actions with the label the service declares for them (none: the name matches no action). */
  protected readonly permissions = computed(() => {
    const labels = new Map(this.service().actions.map((a) => [a.name, a.label]));
    return this.service().permissions.map((p) => ({ ...p, actions: (p.actions ?? []).map((name) => ({ name, label: labels.get(name) ?? null })) }));
  });

  /** How many fields an object payload schema declares and how many are required; null for other shapes. */
  protected schemaShape(event: EventDeclarationDto): { fields: number; required: number } | null {
    const schema = event.payloadSchema as { properties?: Record<string, unknown>; required?: unknown[] } | undefined;
    if (!schema?.properties) return null;
    return { fields: Object.keys(schema.properties).length, required: Array.isArray(schema.required) ? schema.required.length : 0 };
  }
}
