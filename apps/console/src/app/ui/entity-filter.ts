import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, output, signal } from '@angular/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { listAgents } from '../api/fn/admin-agents/list-agents';
import { listCapsuleServices } from '../api/fn/admin-capsule-services/list-capsule-services';
import { ApiClient } from '../core/http/api-client';
import { TranslatePipe } from '../core/i18n/translate-pipe';

/** How many agents or services the select offers (by code); a chosen id beyond them still shows, by its id. */
export const ENTITY_OPTION_LIMIT = 100;

interface EntityOption {
  id: string;
  label: string;
}

/** A list filter that picks one agent or one service by code; its value is the id, '' for any. */
@Component({
  selector: 'ops-entity-filter',
  imports: [MatFormField, MatLabel, MatSelect, MatOption, TranslatePipe],
  template: `
    <mat-form-field [attr.data-filter]="kind()">
      <mat-label>{{ (kind() === 'agent' ? 'Agent' : 'Service') | t }}</mat-label>
      <mat-select [value]="value()" (valueChange)="valueChange.emit($event)">
        <mat-option value="">{{ 'Any' | t }}</mat-option>
        @for (option of shown(); track option.id) { <mat-option [value]="option.id">{{ option.label }}</mat-option> }
      </mat-select>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EntityFilter implements OnInit {
  private readonly client = inject(ApiClient);
  readonly kind = input.required<'agent' | 'service'>();
  readonly value = input('');
  readonly valueChange = output<string>();
  private readonly options = signal<EntityOption[]>([]);
  protected readonly shown = computed(() => {
    const options = this.options();
    const value = this.value();
    return value && !options.some((o) => o.id === value) ? [...options, { id: value, label: value }] : options;
  });

  async ngOnInit(): Promise<void> {
    const request = { page: 1, pageSize: ENTITY_OPTION_LIMIT, sort: 'code' };
    try {
      const page = this.kind() === 'agent' ? await this.client.page(listAgents, request) : await this.client.page(listCapsuleServices, request);
      this.options.set(page.data.map((entity) => ({ id: entity.id, label: entity.code })));
    } catch {
      // The list itself shows the server's error; the filter just offers nothing to pick.
    }
  }
}
