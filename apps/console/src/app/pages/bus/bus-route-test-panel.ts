import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { JsonPipe } from '@angular/common';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { testBusRoutes } from '../../api/fn/admin-bus/test-bus-routes';
import type { RouteTestOutcomeDto } from '../../api/models/route-test-outcome-dto';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { ErrorBanner } from '../../ui/error-banner';
import { Operation } from '../../ui/loader';
import { StatusChip } from '../../ui/status-chip';
import { EVENT_TYPE, issueLines, jsonObjectValidator, parseJsonObject, SERVICE_CODE } from './route-form';

/** Tries every route against a sample event (nothing is stored or dispatched) and shows what each would do. */
@Component({
  selector: 'ops-bus-route-test-panel',
  imports: [JsonPipe, ReactiveFormsModule, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatError, MatInput, MatButton, ErrorBanner, StatusChip, TranslatePipe],
  template: `
    <mat-card appearance="outlined" class="route-test">
      <mat-card-header><mat-card-title>{{ 'Test routes' | t }}</mat-card-title></mat-card-header>
      <mat-card-content>
        <p class="muted">{{ 'Try a sample event against every route. Nothing is stored or dispatched.' | t }}</p>
        <form class="sample" [formGroup]="form" (submit)="$event.preventDefault(); run()" novalidate>
          <mat-form-field>
            <mat-label>{{ 'Event type' | t }}</mat-label>
            <input matInput name="testEventType" formControlName="eventType" placeholder="order.created" />
            <mat-error>{{ 'An event type such as order.created' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'Source service' | t }}</mat-label>
            <input matInput name="testSourceServiceCode" formControlName="sourceServiceCode" />
            <mat-error>{{ 'Lower-case letters, digits, - and _' | t }}</mat-error>
          </mat-form-field>
          <mat-form-field class="payload">
            <mat-label>{{ 'Payload (JSON)' | t }}</mat-label>
            <textarea matInput class="json" name="testPayload" formControlName="payload" rows="4" placeholder='{ "orderId": "o-1" }'></textarea>
            <mat-error>{{ 'Not a JSON object: {reason}' | t: { reason: form.controls.payload.errors?.['json'] } }}</mat-error>
          </mat-form-field>
          <div><button mat-flat-button type="submit" class="run-route-test" [disabled]="test.busy()">{{ 'Test' | t }}</button></div>
        </form>
        <ops-error-banner [error]="test.error()" />
        @if (issues().length) {
          <ul class="issues error-text">@for (issue of issues(); track $index) { <li>{{ issue }}</li> }</ul>
        }
        @if (outcomes(); as results) {
          @if (results.length === 0) { <p class="muted">{{ 'There are no routes to test.' | t }}</p> }
          <ul class="outcomes">
            @for (o of results; track o.routeId) {
              <li class="outcome" [attr.data-route]="o.name" [attr.data-matched]="o.matched">
                <div class="line">
                  <strong>{{ o.name }}</strong> <ops-status-chip [status]="o.status" />
                  @if (o.matched) {
                    <span class="verdict">{{ (o.wouldDispatch ? (o.status === 'DRY_RUN' ? 'Matches: would record a dry run' : 'Matches: would dispatch') : 'Matches, but would not dispatch') | t }}</span>
                  } @else {
                    <span class="muted verdict">{{ 'No match' | t }}@if (o.reason) { — {{ o.reason }} }</span>
                  }
                </div>
                @if (o.errorCode) { <div class="error-text"><strong class="error-code">{{ o.errorCode }}</strong> — {{ o.errorMessage }}</div> }
                @for (issue of o.issues ?? []; track $index) { <div class="error-text mono">{{ issue.path }}: {{ issue.message }}</div> }
                @if (o.payload) { <pre class="json test-payload">{{ o.payload | json }}</pre> }
              </li>
            }
          </ul>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .route-test { margin-top: 16px; }
    .sample { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
    .sample .payload { grid-column: 1 / -1; }
    textarea.json { font-family: ui-monospace, monospace; font-size: 12px; }
    .outcomes { list-style: none; padding: 0; margin: 8px 0 0; display: grid; gap: 8px; }
    .outcome { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; padding: 8px 12px; }
    .line { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-bottom: 4px; }
    @media (max-width: 700px) { .sample { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusRouteTestPanel {
  private readonly client = inject(ApiClient);
  protected readonly form = new FormGroup({
    eventType: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(120), Validators.pattern(EVENT_TYPE)] }),
    sourceServiceCode: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(80), Validators.pattern(SERVICE_CODE)] }),
    payload: new FormControl('', { nonNullable: true, validators: [jsonObjectValidator] }),
  });
  protected readonly test = new Operation();
  protected readonly outcomes = signal<RouteTestOutcomeDto[] | null>(null);
  /** The server's validation issues of a refused sample. */
  protected readonly issues = computed(() => issueLines(this.test.error()?.details));

  async run(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const { eventType, sourceServiceCode, payload } = this.form.getRawValue();
    const parsed = parseJsonObject(payload);
    const body = { eventType: eventType.trim(), sourceServiceCode: sourceServiceCode.trim(), payload: (parsed.ok && parsed.value) || {} };
    this.outcomes.set((await this.test.run(() => this.client.call(testBusRoutes, { body }))) ?? null);
  }
}
