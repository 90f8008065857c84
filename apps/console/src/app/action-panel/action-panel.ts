import { ChangeDetectionStrategy, Component, inject, input, signal, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { cancelCommand } from '../api/fn/admin-commands/cancel-command';
import { getCommand } from '../api/fn/admin-commands/get-command';
import { createActionCommand } from '../api/fn/admin-capsule-services/create-action-command';
import { prepareActionPanel } from '../api/fn/admin-capsule-services/prepare-action-panel';
import type { ActionDefinitionDto } from '../api/models/action-definition-dto';
import type { PreparedActionDto } from '../api/models/prepared-action-dto';
import { CommandResultView } from '../action-results/command-result-view';
import type { RowActionRequest } from '../action-results/result-shapes';
import { JsonSchema } from '../action-forms/json-schema';
import { SchemaForm } from '../action-forms/schema-form';
import { ApiClient } from '../core/http/api-client';
import { ApiError } from '../core/http/api-error';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { confirmAction } from '../ui/confirm-dialog';
import { ErrorBanner } from '../ui/error-banner';
import { StatusChip } from '../ui/status-chip';
import { CommandTracker, TERMINAL_STATUSES } from './command-tracker';

/**
 * Runs one action: prepare (GET, the dynamic form and initial payload), the generated form, confirmation when the
 * action is dangerous, then follows the command live and renders its result. Row actions of a list result run as
 * ordinary commands and re-run this action afterwards.
 */
@Component({
  selector: 'ops-action-panel',
  imports: [RouterLink, MatButton, MatProgressBar, SchemaForm, CommandResultView, ErrorBanner, StatusChip, TranslatePipe],
  providers: [CommandTracker],
  templateUrl: './action-panel.html',
  styleUrl: './action-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionPanel {
  private readonly client = inject(ApiClient);
  private readonly dialog = inject(MatDialog);
  protected readonly tracker = inject(CommandTracker);
  private readonly rowTracker = new RowCommandRunner(this.client);
  readonly serviceId = input.required<string>();
  readonly serviceCode = input('');
  readonly action = input.required<ActionDefinitionDto>();

  protected readonly prepared = signal<PreparedActionDto | null>(null);
  protected readonly preparing = signal(false);
  protected readonly prepareError = signal<ApiError | null>(null);
  protected readonly submitError = signal<ApiError | null>(null);
  protected readonly submitting = signal(false);
  protected readonly rowBusy = this.rowTracker.busy;
  protected readonly rowError = this.rowTracker.error;
  private readonly form = viewChild(SchemaForm);
  private lastPayload: Record<string, unknown> = {};

  protected schema(): JsonSchema {
    return ((this.prepared()?.action as ActionDefinitionDto | undefined)?.inputSchema ?? this.action().inputSchema ?? {}) as JsonSchema;
  }

  protected initialPayload(): Record<string, unknown> | null {
    return (this.prepared()?.initialPayload as Record<string, unknown> | undefined) ?? null;
  }

  /** Prepare: a synchronous round-trip to the agent. On failure the catalog schema still lets the operator proceed. */
  async prepare(): Promise<void> {
    this.preparing.set(true);
    this.prepareError.set(null);
    try {
      this.prepared.set(await this.client.call(prepareActionPanel, { serviceId: this.serviceId(), actionName: this.action().name }));
    } catch (error) {
      this.prepareError.set(ApiError.from(error));
    } finally {
      this.preparing.set(false);
    }
  }

  async submit(): Promise<void> {
    const form = this.form();
    if (form && !form.validate()) return;
    const payload = form?.payload() ?? {};
    const action = this.action();
    const needsConfirmation = action.requiresConfirmation || action.dangerLevel === 'HIGH';
    if (needsConfirmation) {
      const confirmed = await confirmAction(this.dialog, {
        title: 'Confirm action',
        message: 'This action changes the service. Check the details before running it.',
        facts: [
          { label: 'Action', value: `${action.label} (${action.name})` },
          { label: 'Service', value: this.serviceCode() || this.serviceId() },
          { label: 'Danger level', value: action.dangerLevel },
          { label: 'Payload', value: JSON.stringify(payload) },
        ],
        confirmLabel: 'Run',
        danger: action.dangerLevel === 'HIGH',
      });
      if (!confirmed) return;
    }
    await this.execute(payload, needsConfirmation);
  }

  async cancel(): Promise<void> {
    const command = this.tracker.command();
    if (!command) return;
    try {
      await this.client.call(cancelCommand, { commandId: command.id });
      await this.tracker.read();
    } catch (error) {
      this.submitError.set(ApiError.from(error));
    }
  }

  async onRowAction(request: RowActionRequest): Promise<void> {
    if (request.confirm || request.danger) {
      const confirmed = await confirmAction(this.dialog, {
        title: 'Confirm action',
        message: 'Run this action on the selected row?',
        facts: [{ label: 'Action', value: `${request.label} (${request.action})` }, { label: 'Payload', value: JSON.stringify(request.payload) }],
        confirmLabel: 'Run',
        danger: request.danger,
      });
      if (!confirmed) return;
    }
    const finished = await this.rowTracker.run(this.serviceId(), request);
    if (finished) await this.execute(this.lastPayload, false);
  }

  private async execute(payload: Record<string, unknown>, confirmation: boolean): Promise<void> {
    this.submitting.set(true);
    this.submitError.set(null);
    try {
      const command = await this.client.call(createActionCommand, {
        serviceId: this.serviceId(),
        actionName: this.action().name,
        body: { payload, ...(confirmation ? { confirmation: true } : {}) },
      });
      this.lastPayload = payload;
      this.tracker.follow(command);
    } catch (error) {
      this.submitError.set(ApiError.from(error));
    } finally {
      this.submitting.set(false);
    }
  }
}

/** Runs a row action's command and waits (by polling) until it is terminal. */
class RowCommandRunner {
  readonly busy = signal(false);
  readonly error = signal<ApiError | null>(null);

  constructor(private readonly client: ApiClient) {}

  async run(serviceId: string, request: RowActionRequest): Promise<boolean> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const created = await this.client.call(createActionCommand, { serviceId, actionName: request.action, body: { payload: request.payload, confirmation: true } });
      for (let attempt = 0; attempt < 600; attempt++) {
        const command = await this.client.call(getCommand, { commandId: created.id });
        if (TERMINAL_STATUSES.has(command.status)) {
          if (command.status !== 'SUCCEEDED') this.error.set(new ApiError(0, command.errorCode ?? command.status, command.errorMessage ?? `${request.label}: ${command.status}`));
          return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return false;
    } catch (error) {
      this.error.set(ApiError.from(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}
