import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit } from '@angular/core';
import { Router } from '@angular/router';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { LoadState } from '../../ui/load-state';
import { Loader } from '../../ui/loader';
import { BusAuditTab } from './bus-audit-tab';
import { BusAvailability } from './bus-availability';
import { BusDeadLettersTab } from './bus-dead-letters-tab';
import { BusDiagnosticsTab } from './bus-diagnostics-tab';
import { BusEventsTab } from './bus-events-tab';
import { BusRoutesTab } from './bus-routes-tab';

export const BUS_TABS = ['routes', 'events', 'dead-letters', 'audit', 'diagnostics'] as const;
export type BusTab = (typeof BUS_TABS)[number];

/** The Capsule Bus (experimental): routes, events, dead letters, audit and diagnostics, one tab each (`?tab=`). */
@Component({
  selector: 'ops-bus-page',
  imports: [MatTabsModule, MatCard, MatCardContent, MatIcon, LoadState, TranslatePipe, BusRoutesTab, BusEventsTab, BusDeadLettersTab, BusAuditTab, BusDiagnosticsTab],
  template: `
    <section class="page">
      <div class="page-header"><h1>{{ 'Capsule Bus' | t }}</h1></div>
      <div class="experimental-banner" role="note">
        <mat-icon>science</mat-icon>
        <span>{{ 'Experimental (v0.4): routes, event shapes and APIs may change. Start routes in DRY_RUN and check the events before enabling them.' | t }}</span>
      </div>
      <ops-load-state [loading]="availability.state() === 'unknown' && !probe.error()" [error]="probe.error()" (retry)="probe.load()" />
      @if (availability.state() === 'disabled') {
        <mat-card appearance="outlined" class="bus-disabled"><mat-card-content>
          <div class="disabled-state">
            <mat-icon>power_off</mat-icon>
            <div>
              <p><strong>{{ 'The Capsule Bus is disabled on this server.' | t }}</strong></p>
              <p>{{ 'Start Opstage with OPSTAGE_CAPSULE_BUS_ENABLED=true to let services publish events and routes turn them into commands.' | t }}</p>
              <p class="muted">{{ 'Limits: OPSTAGE_CAPSULE_BUS_INGEST_PER_MIN (events per minute per agent) and OPSTAGE_CAPSULE_BUS_MAX_DEPTH (how deep an event chain may go).' | t }}</p>
            </div>
          </div>
        </mat-card-content></mat-card>
      } @else if (availability.state() === 'enabled') {
        <mat-tab-group animationDuration="0ms" [mat-stretch-tabs]="false" [selectedIndex]="tabIndex()" (selectedIndexChange)="select($event)" class="bus-tabs">
          <mat-tab [label]="'Routes' | t"><ng-template matTabContent><ops-bus-routes-tab /></ng-template></mat-tab>
          <mat-tab [label]="'Events' | t"><ng-template matTabContent><ops-bus-events-tab /></ng-template></mat-tab>
          <mat-tab [label]="'Dead letters' | t"><ng-template matTabContent><ops-bus-dead-letters-tab /></ng-template></mat-tab>
          <mat-tab [label]="'Audit' | t"><ng-template matTabContent><ops-bus-audit-tab /></ng-template></mat-tab>
          <mat-tab [label]="'Diagnostics' | t"><ng-template matTabContent><ops-bus-diagnostics-tab /></ng-template></mat-tab>
        </mat-tab-group>
      }
    </section>
  `,
  styles: `
    .experimental-banner { display: flex; gap: 8px; align-items: center; padding: 8px 12px; border-radius: 8px; margin-bottom: 12px;
      background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .disabled-state { display: flex; gap: 16px; align-items: flex-start; }
    .disabled-state mat-icon { color: var(--mat-sys-on-surface-variant); }
    .disabled-state p { margin: 0 0 8px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BusPage implements OnInit {
  /** From `?tab=` (router component input binding). */
  readonly tab = input<string | undefined>();
  protected readonly availability = inject(BusAvailability);
  private readonly router = inject(Router);
  /** Asks again on each visit: the flag may have changed since the navigation was drawn. */
  protected readonly probe = new Loader(() => this.availability.check(true));
  protected readonly tabIndex = computed(() => Math.max(0, BUS_TABS.indexOf((this.tab() ?? 'routes') as BusTab)));

  ngOnInit(): void {
    void this.probe.load();
  }

  protected select(index: number): void {
    if (index === this.tabIndex()) return;
    void this.router.navigate(['/bus'], { queryParams: { tab: BUS_TABS[index] }, queryParamsHandling: 'merge' });
  }
}
