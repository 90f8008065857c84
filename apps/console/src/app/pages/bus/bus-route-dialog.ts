import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, ValidatorFn, Validators } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { startWith } from 'rxjs';
import { createBusRoute } from '../../api/fn/admin-bus/create-bus-route';
import { updateBusRoute } from '../../api/fn/admin-bus/update-bus-route';
import { listCapsuleServiceActions } from '../../api/fn/admin-capsule-services/list-capsule-service-actions';
import { listCapsuleServices } from '../../api/fn/admin-capsule-services/list-capsule-services';
import type { ActionDefinitionDto } from '../../api/models/action-definition-dto';
import type { BusRouteDto } from '../../api/models/bus-route-dto';
import type { CapsuleServiceDto } from '../../api/models/capsule-service-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { LanguageService } from '../../core/i18n/language';
import { ErrorBanner } from '../../ui/error-banner';
import { Operation } from '../../ui/loader';
import { EVENT_TYPE_PATTERN, formValueFromRoute, issuesByField, jsonObjectValidator, ROUTE_STATUSES, RouteFormValue, routeBody, SERVICE_CODE } from './route-form';

export interface BusRouteDialogData {
  /** The route to edit; null creates one. */
  route: BusRouteDto | null;
}

type RouteForm = { [K in keyof RouteFormValue]: FormControl<RouteFormValue[K]> };

/**
 * Create or replace a bus route. Saves by itself so the server's 422 issues (BUS_ROUTE_INVALID, VALIDATION_FAILED)
 * can be shown against the fields they name; closes with the saved route.
 */
@Component({
  selector: 'ops-bus-route-dialog',
  imports: [
    ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatButton, MatFormField, MatLabel, MatHint, MatError, MatInput,
    MatSelect, MatOption, MatAutocomplete, MatAutocompleteTrigger, ErrorBanner, TranslatePipe,
  ],
  templateUrl: './bus-route-dialog.html',
  styles: `
    form { display: contents; }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; align-items: start; }
    .wide { grid-column: 1 / -1; }
    textarea.json { font-family: ui-monospace, monospace; font-size: 12px; }
    .general-issues { color: var(--mat-sys-error); margin: 0 0 8px; padding-left: 20px; }
    @media (max-width: 700px) { .grid { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusRouteDialog {
  protected readonly data = inject<BusRouteDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<BusRouteDialog, BusRouteDto>);
  private readonly client = inject(ApiClient);
  private readonly language = inject(LanguageService);
  protected readonly statuses = ROUTE_STATUSES;
  protected readonly editing = this.data.route !== null;

  protected readonly form = buildForm(formValueFromRoute(this.data.route));
  protected readonly saving = new Operation();
  /** Issues that name no field of the form. */
  protected readonly generalIssues = computed(() => issuesByField(this.saving.error()?.details).get('') ?? []);
  /** Bumped whenever control errors change outside a value change, so OnPush re-reads them. */
  private readonly errorsVersion = signal(0);

  protected readonly services = signal<CapsuleServiceDto[]>([]);
  protected readonly actions = signal<ActionDefinitionDto[]>([]);
  private readonly targetCode = toSignal(this.form.controls.targetServiceCode.valueChanges.pipe(startWith(this.form.controls.targetServiceCode.value)), { requireSync: true });
  private readonly sourceCode = toSignal(this.form.controls.sourceServiceCode.valueChanges.pipe(startWith(this.form.controls.sourceServiceCode.value)), { requireSync: true });
  private readonly actionText = toSignal(this.form.controls.actionName.valueChanges.pipe(startWith(this.form.controls.actionName.value)), { requireSync: true });
  protected readonly targetChoices = computed(() => matching(this.services(), this.targetCode()));
  protected readonly sourceChoices = computed(() => matching(this.services(), this.sourceCode()));
  /** The bus never dispatches confirmation-required or HIGH actions, so they are not offered. */
  protected readonly actionChoices = computed(() => {
    const text = (this.actionText() ?? '').toLowerCase();
    return this.actions().filter((a) => a.enabled && !a.requiresConfirmation && a.dangerLevel !== 'HIGH' && a.name.toLowerCase().includes(text));
  });

  constructor() {
    void this.loadServices();
    effect(() => {
      const service = this.services().find((s) => s.code === this.targetCode()?.trim());
      untracked(() => void this.loadActions(service?.id ?? null));
    });
  }

  /** The message shown under a field: the first client-side problem, else what the server said. */
  protected fieldError(field: keyof RouteFormValue): string {
    this.errorsVersion();
    const errors = this.form.controls[field].errors;
    if (!errors) return '';
    const t = (text: string, params?: Record<string, unknown>) => this.language.translate(text, params);
    if (errors['required']) return t('Required');
    if (errors['maxlength']) return t('At most {n} characters', { n: errors['maxlength'].requiredLength });
    if (errors['pattern']) return field === 'eventType' ? t('An event type, a prefix ending in *, or *') : t('Lower-case letters, digits, - and _');
    if (errors['json']) return t('Not a JSON object: {reason}', { reason: errors['json'] });
    if (errors['server']) return errors['server'];
    return t('Invalid value');
  }

  async save(): Promise<void> {
    if (this.saving.busy()) return;
    this.form.markAllAsTouched();
    this.errorsVersion.update((v) => v + 1);
    if (this.form.invalid) return;
    const body = routeBody(this.form.getRawValue());
    const route = this.data.route;
    const saved = await this.saving.run(() => (route ? this.client.call(updateBusRoute, { routeId: route.id, body }) : this.client.call(createBusRoute, { body })));
    if (saved) this.ref.close(saved);
    else this.showFieldIssues();
  }

  protected cancel(): void {
    this.ref.close();
  }

  /** The server's issues (BUS_ROUTE_INVALID, VALIDATION_FAILED) under the fields they name. */
  private showFieldIssues(): void {
    for (const [field, messages] of issuesByField(this.saving.error()?.details)) {
      if (field === '') continue;
      const control = this.form.controls[field];
      control.setErrors({ ...(control.errors ?? {}), server: messages.join('; ') });
      control.markAsTouched();
    }
    this.errorsVersion.update((v) => v + 1);
  }

  private async loadServices(): Promise<void> {
    try {
      this.services.set((await this.client.page(listCapsuleServices, { pageSize: 100, sort: 'code' })).data);
    } catch {
      /* suggestions only: the fields stay free text and the server checks the target */
    }
  }

  private async loadActions(serviceId: string | null): Promise<void> {
    if (!serviceId) {
      this.actions.set([]);
      return;
    }
    try {
      this.actions.set((await this.client.call(listCapsuleServiceActions, { serviceId })) ?? []);
    } catch {
      this.actions.set([]);
    }
  }
}

function buildForm(value: RouteFormValue): FormGroup<RouteForm> {
  const text = (initial: string, ...validators: ValidatorFn[]) => new FormControl(initial, { nonNullable: true, validators });
  return new FormGroup<RouteForm>({
    name: text(value.name, Validators.required, Validators.maxLength(100)),
    description: text(value.description, Validators.maxLength(500)),
    status: new FormControl(value.status, { nonNullable: true, validators: [Validators.required] }),
    eventType: text(value.eventType, Validators.required, Validators.maxLength(120), Validators.pattern(EVENT_TYPE_PATTERN)),
    sourceServiceCode: text(value.sourceServiceCode, Validators.maxLength(80), Validators.pattern(SERVICE_CODE)),
    targetServiceCode: text(value.targetServiceCode, Validators.required, Validators.maxLength(80), Validators.pattern(SERVICE_CODE)),
    actionName: text(value.actionName, Validators.required, Validators.maxLength(128)),
    inputMapping: text(value.inputMapping, jsonObjectValidator),
    condition: text(value.condition, jsonObjectValidator),
  });
}

function matching(services: CapsuleServiceDto[], text: string | null | undefined): CapsuleServiceDto[] {
  const needle = (text ?? '').trim().toLowerCase();
  return services.filter((s) => !needle || s.code.includes(needle) || s.name.toLowerCase().includes(needle)).slice(0, 50);
}
