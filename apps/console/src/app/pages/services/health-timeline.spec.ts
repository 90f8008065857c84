import { TestBed } from '@angular/core/testing';
import { HealthTimeline, healthTimeline, MIN_GAP_MS, type TimelineReport } from './health-timeline';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const report = (seconds: number, status: string, message: string | null = null): TimelineReport => ({ reportedAt: at(seconds), status, message });
/** Segments as [status, from s, to s, reports] for readable expectations. */
const bands = (reports: TimelineReport[], nowSeconds: number, gapMs?: number) =>
  healthTimeline(reports, T0 + nowSeconds * 1000, gapMs)?.segments.map((s) => [s.status, (s.from - T0) / 1000, (s.to - T0) / 1000, s.reports]);

describe('healthTimeline', () => {
  it('orders reports by time whatever order they arrive in, and joins neighbours with the same status', () => {
    // Newest first, as the history API answers.
    const reports = [report(40, 'UP', 'back'), report(30, 'DOWN', 'db gone'), report(20, 'DOWN', 'db slow'), report(10, 'UP'), report(0, 'UP', 'started')];
    expect(bands(reports, 45)).toEqual([
      ['UP', 0, 20, 2],
      ['DOWN', 20, 40, 2],
      ['UP', 40, 45, 1],
    ]);
    const timeline = healthTimeline(reports, T0 + 45_000)!;
    expect(timeline.segments[1].message).toBe('db gone');
    expect([timeline.start, timeline.end]).toEqual([T0, T0 + 45_000]);
    expect(bands([...reports].reverse(), 45)).toEqual(bands(reports, 45));
  });

  it('shows a silence longer than the gap as a stretch with no reports, and does not join across it', () => {
    expect(bands([report(0, 'UP'), report(10, 'UP'), report(100, 'UP'), report(110, 'UP')], 115, 30_000)).toEqual([
      ['UP', 0, 40, 2],
      [null, 40, 100, 0],
      ['UP', 100, 115, 2],
    ]);
  });

  it('by default trusts a report for three times the usual spacing, and never for less than the offline threshold', () => {
    // Reports every 60 s: a 170 s silence is within 3 × 60 s, a 200 s one is not.
    const minute = [0, 60, 120, 180, 350, 550].map((s) => report(s, 'UP'));
    expect(bands(minute, 560)).toEqual([
      ['UP', 0, 530, 5],
      [null, 530, 550, 0],
      ['UP', 550, 560, 1],
    ]);
    // Reports every 5 s: the gap is still the 90 s floor, not 15 s.
    expect(MIN_GAP_MS).toBe(90_000);
    expect(bands([report(0, 'UP'), report(5, 'UP'), report(10, 'UP'), report(60, 'DEGRADED')], 200)).toEqual([
      ['UP', 0, 60, 3],
      ['DEGRADED', 60, 150, 1],
      [null, 150, 200, 0],
    ]);
  });

  it('charts a single report up to now, or up to its gap and then silence', () => {
    expect(bands([report(0, 'DOWN')], 20)).toEqual([['DOWN', 0, 20, 1]]);
    expect(bands([report(0, 'DOWN')], 300)).toEqual([
      ['DOWN', 0, 90, 1],
      [null, 90, 300, 0],
    ]);
    // Read at the very moment of the report (or with a clock behind the server's): a zero-length span, not a negative one.
    expect(healthTimeline([report(10, 'UP')], T0)).toEqual({ start: T0 + 10_000, end: T0 + 10_000, segments: [{ status: 'UP', from: T0 + 10_000, to: T0 + 10_000, reports: 1, message: null }] });
  });

  it('maps unknown statuses to UNKNOWN, leaves out reports without a valid time, and has nothing for no reports', () => {
    expect(bands([report(0, 'UP'), report(10, 'SOMETHING_NEW'), report(20, 'UNKNOWN'), { status: 'DOWN', reportedAt: 'not a date' }], 30)).toEqual([
      ['UP', 0, 10, 1],
      ['UNKNOWN', 10, 30, 2],
    ]);
    expect(healthTimeline([], T0)).toBeNull();
    expect(healthTimeline([{ status: 'UP', reportedAt: '' }], T0)).toBeNull();
  });
});

describe('HealthTimeline', () => {
  function render(reports: TimelineReport[], nowSeconds: number) {
    localStorage.setItem('opstage.language', 'en');
    const fixture = TestBed.createComponent(HealthTimeline);
    fixture.componentRef.setInput('reports', reports);
    fixture.componentRef.setInput('now', T0 + nowSeconds * 1000);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('draws one band per stretch across the width, coloured by status, with a tooltip and a spoken summary', () => {
    const element = render([report(0, 'UP'), report(10, 'UP'), report(20, 'DOWN', 'db slow'), report(30, 'DOWN', 'db gone'), report(150, 'UP')], 200);
    const rects = [...element.querySelectorAll('rect')];
    expect(rects.map((r) => r.getAttribute('data-status'))).toEqual(['UP', 'DOWN', 'GAP', 'UP']);
    expect(rects.map((r) => Number(r.getAttribute('x')))).toEqual([0, 10, 60, 75]);
    expect(rects.map((r) => Number(r.getAttribute('width')))).toEqual([10, 50, 15, 25]);
    expect(rects[1].getAttribute('class')).toContain('tone-bad');
    expect(rects[0].getAttribute('class')).toContain('tone-good');
    const title = rects[1].querySelector('title')!.textContent!;
    expect(title).toMatch(/^DOWN · .+ – .+ · 2 reports · db gone$/);
    expect(rects[2].querySelector('title')!.textContent).toMatch(/^No reports · .+ – [^·]+$/);
    expect(rects[3].querySelector('title')!.textContent).toMatch(/^UP · .+ · 1 report$/);
    expect(element.querySelector('svg')!.getAttribute('aria-label')).toMatch(/^Health from .+ to .+: UP 35%, DOWN 50%, No reports 15%$/);
    expect([...element.querySelectorAll('.legend [data-status]')].map((chip) => chip.getAttribute('data-status'))).toEqual(['UP', 'DOWN']);
  });

  it('keeps a momentary band visible and says so when there is nothing to chart', () => {
    const element = render([report(0, 'UP'), report(1000, 'DEGRADED')], 1000);
    expect(Number(element.querySelector('rect[data-status="DEGRADED"]')!.getAttribute('width'))).toBeGreaterThan(0);
    const empty = render([], 0);
    expect(empty.querySelector('svg')).toBeNull();
    expect(empty.querySelector('.timeline-empty')!.textContent!.trim()).toBe('No health reports to chart yet.');
  });
});
