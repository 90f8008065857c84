import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { LanguageService } from '../../core/i18n/language';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { StatusChip, statusTone } from '../../ui/status-chip';
import { formatWhen, WhenPipe } from '../../ui/when-pipe';

export const TIMELINE_STATUSES = ['UP', 'DEGRADED', 'DOWN', 'UNKNOWN'] as const;
export type TimelineStatus = (typeof TIMELINE_STATUSES)[number];

/** The least time a report is trusted for when reports are sparse: the default agent offline threshold. */
export const MIN_GAP_MS = 90_000;

export interface TimelineReport {
  status: string;
  reportedAt: string;
  message?: string | null;
}

export interface TimelineSegment {
  /** null: a stretch with no reports (the service's agent was silent). */
  status: TimelineStatus | null;
  from: number;
  to: number;
  reports: number;
  /** The last report's message in this stretch. */
  message: string | null;
}

export interface HealthTimelineData {
  start: number;
  end: number;
  segments: TimelineSegment[];
}

/**
 * Health reports (any order) → status bands from the oldest report to `now`. A report's status holds until the next
 * report, but for no longer than `gapMs` (by default three times the usual spacing of the reports, at least
 * {@link MIN_GAP_MS}); past that the band is a gap. Neighbouring reports with the same status join one band. Unknown
 * statuses count as UNKNOWN; reports without a valid time are left out. No reports: null.
 */
export function healthTimeline(reports: readonly TimelineReport[], now: number, gapMs?: number): HealthTimelineData | null {
  const points = reports
    .map((r) => ({ at: Date.parse(r.reportedAt), status: timelineStatus(r.status), message: r.message ?? null }))
    .filter((p) => Number.isFinite(p.at))
    .sort((a, b) => a.at - b.at);
  if (!points.length) return null;
  const start = points[0].at;
  const end = Math.max(now, points[points.length - 1].at);
  const gap = gapMs ?? Math.max(MIN_GAP_MS, 3 * medianSpacing(points.map((p) => p.at)));
  const segments: TimelineSegment[] = [];
  points.forEach((point, i) => {
    const next = i + 1 < points.length ? points[i + 1].at : end;
    const until = Math.min(next, point.at + gap);
    const last = segments[segments.length - 1];
    if (last && last.status === point.status && last.to === point.at) Object.assign(last, { to: until, reports: last.reports + 1, message: point.message });
    else segments.push({ status: point.status, from: point.at, to: until, reports: 1, message: point.message });
    if (until < next) segments.push({ status: null, from: until, to: next, reports: 0, message: null });
  });
  return { start, end, segments };
}

function timelineStatus(status: string): TimelineStatus {
  return TIMELINE_STATUSES.find((s) => s === status) ?? 'UNKNOWN';
}

function medianSpacing(times: number[]): number {
  const spacings = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  return spacings.length ? spacings[Math.floor(spacings.length / 2)] : 0;
}

/** Below this share of the width a band is widened so it stays visible (and hoverable). */
const MIN_WIDTH_PERCENT = 0.4;

/** A compact timeline of a service's health above its history table: one coloured band per stretch of one status. */
@Component({
  selector: 'ops-health-timeline',
  imports: [StatusChip, WhenPipe, TranslatePipe],
  template: `
    @if (bands(); as view) {
      <figure class="timeline">
        <svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" [attr.aria-label]="'Health from {from} to {to}: {summary}' | t: { from: (view.from | when), to: (view.to | when), summary: view.summary }">
          @for (band of view.bands; track $index) {
            <rect [attr.x]="band.x" y="0" [attr.width]="band.width" height="10" [attr.class]="'band tone-' + band.tone" [attr.data-status]="band.status ?? 'GAP'">
              <title>{{ band.title }}</title>
            </rect>
          }
        </svg>
        <figcaption class="axis muted"><span>{{ view.from | when }}</span><span class="legend">@for (s of view.statuses; track s) { <ops-status-chip [status]="s" /> }</span><span>{{ view.to | when }}</span></figcaption>
      </figure>
    } @else {
      <p class="muted timeline-empty">{{ 'No health reports to chart yet.' | t }}</p>
    }
  `,
  styles: `
    .timeline { margin: 0 0 16px; }
    svg { display: block; width: 100%; height: 28px; border-radius: 6px; overflow: hidden; background: var(--mat-sys-surface-container-low); }
    .band { stroke-width: 0; }
    .tone-good { fill: var(--ops-tone-good); } .tone-warn { fill: var(--ops-tone-warn); } .tone-bad { fill: var(--ops-tone-bad); }
    .tone-neutral { fill: var(--ops-tone-neutral); } .tone-gap { fill: transparent; }
    .axis { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin-top: 4px; font: var(--mat-sys-body-small); }
    .legend { display: flex; gap: 4px; flex-wrap: wrap; justify-content: center; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HealthTimeline {
  private readonly language = inject(LanguageService);
  readonly reports = input<readonly TimelineReport[]>([]);
  /** The time the reports were read (the right edge of the chart). */
  readonly now = input<number>(Date.now());

  protected readonly bands = computed(() => {
    const data = healthTimeline(this.reports(), this.now());
    if (!data) return null;
    const span = data.end - data.start;
    const percent = (t: number) => (span ? ((t - data.start) / span) * 100 : 0);
    const t = (text: string, params?: Record<string, unknown>) => this.language.translate(text, params);
    const when = (ms: number) => formatWhen(new Date(ms).toISOString(), this.language.language());
    const bands = data.segments.map((s) => ({
      status: s.status,
      x: percent(s.from),
      width: Math.max(span ? percent(s.to) - percent(s.from) : 100, MIN_WIDTH_PERCENT),
      tone: s.status ? statusTone(s.status) : 'gap',
      // The tooltip: status · from – to · how many reports · the last message.
      title: [
        t(s.status ?? 'No reports'),
        `${when(s.from)} – ${when(s.to)}`,
        ...(s.reports ? [s.reports === 1 ? t('1 report') : t('{n} reports', { n: s.reports })] : []),
        ...(s.message ? [s.message] : []),
      ].join(' · '),
    }));
    const shares = [...TIMELINE_STATUSES, null].map((status) => {
      const stretches = data.segments.filter((s) => s.status === status);
      return { status, seen: stretches.length > 0, ms: stretches.reduce((sum, s) => sum + s.to - s.from, 0) };
    }).filter((share) => share.seen);
    return {
      bands,
      from: new Date(data.start).toISOString(),
      to: new Date(data.end).toISOString(),
      statuses: shares.flatMap((share) => (share.status ? [share.status] : [])),
      summary: shares.map((share) => `${t(share.status ?? 'No reports')} ${span ? Math.round((share.ms / span) * 100) : 100}%`).join(', '),
    };
  });
}
