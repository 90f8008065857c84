import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatTableHarness } from '@angular/material/table/testing';
import { CommandResultLike, CommandResultView } from './command-result-view';
import type { RowActionRequest } from './result-shapes';

@Component({
  imports: [CommandResultView],
  template: `<ops-command-result [result]="result()" (rowAction)="clicked.push($event)" />`,
})
class Host {
  readonly result = signal<CommandResultLike>({ success: true });
  readonly clicked: RowActionRequest[] = [];
}

function render(result: CommandResultLike) {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.result.set(result);
  fixture.detectChanges();
  return { fixture, loader: TestbedHarnessEnvironment.loader(fixture), element: fixture.nativeElement as HTMLElement };
}

const LIST = {
  list: {
    title: 'Accounts',
    data: [
      { user: { name: 'ann' }, state: 'ACTIVE', size: 1536, ok: true, at: '2026-01-02T03:04:05Z', took: 1500 },
      { user: { name: 'bob' }, state: 'DISABLED', size: 10, ok: false, at: null, took: 90_000 },
    ],
    columns: [
      { key: 'user.name', label: 'User' },
      { key: 'state', label: 'State', format: 'status' },
      { key: 'size', label: 'Size', format: 'bytes' },
      { key: 'ok', label: 'OK', format: 'boolean' },
      { key: 'at', label: 'At', format: 'datetime' },
      { key: 'took', label: 'Took', format: 'duration' },
    ],
    rowActions: [{ label: 'Disable', action: 'disableAccount', payload: { name: '$row.user.name', reason: 'manual' }, danger: true }],
  },
};

describe('CommandResultView', () => {
  it('renders a list result as a table with dot-path columns and column formats', async () => {
    const { loader } = render({ success: true, data: LIST });
    const table = await loader.getHarness(MatTableHarness);
    expect(await (await table.getHeaderRows())[0].getCellTextByIndex()).toEqual(['User', 'State', 'Size', 'OK', 'At', 'Took', 'Actions']);
    const rows = await table.getCellTextByColumnName();
    expect(rows['c0'].text).toEqual(['ann', 'bob']);
    expect(rows['c1'].text).toEqual(['ACTIVE', 'DISABLED']);
    expect(rows['c2'].text).toEqual(['1.5 KiB', '10 B']);
    expect(rows['c3'].text).toEqual(['✓', '✗']);
    expect(rows['c4'].text[1]).toBe('—');
    expect(rows['c4'].text[0]).toMatch(/2026/);
    expect(rows['c5'].text).toEqual(['1.5 s', '1m 30s']);
  });

  it('fills a row action payload template from the clicked row', async () => {
    const { loader, fixture } = render({ success: true, data: LIST });
    const buttons = await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Disable' }));
    await buttons[1].click();
    expect(fixture.componentInstance.clicked).toEqual([{ action: 'disableAccount', label: 'Disable', payload: { name: 'bob', reason: 'manual' }, danger: true, confirm: false }]);
  });

  it('infers columns from the first row when none are declared and shows the empty text', async () => {
    let { loader } = render({ success: true, data: { list: { data: [{ id: 1, name: 'x' }] } } });
    expect(await (await (await loader.getHarness(MatTableHarness)).getHeaderRows())[0].getCellTextByIndex()).toEqual(['id', 'name']);
    const empty = render({ success: true, data: { list: { data: [], emptyText: 'Nothing matched' } } });
    expect(empty.element.textContent).toContain('Nothing matched');
  });

  it('renders a detail result as a key/value card', () => {
    const { element } = render({ success: true, data: { detail: { title: 'Account', data: { name: 'ann', quota: 2048 }, fields: [{ key: 'name', label: 'Name' }, { key: 'quota', label: 'Quota', format: 'bytes' }] } } });
    const card = element.querySelector('.result-detail')!;
    expect(card.textContent).toContain('Account');
    expect(element.querySelector('[data-key="quota"]')!.textContent!.trim()).toBe('2.0 KiB');
  });

  it('shows a one-time generated key with a copy button, but not a redacted one', async () => {
    const { element, loader } = render({ success: true, data: { generatedKey: 'key_123' } });
    expect(element.querySelector('.generated-key')!.textContent).toBe('key_123');
    expect(await loader.getHarness(MatButtonHarness.with({ selector: '.copy-button' }))).toBeTruthy();
    const redacted = render({ success: true, data: { generatedKey: '[REDACTED]' } });
    expect(redacted.element.querySelector('.generated-key')).toBeNull();
  });

  it('falls back to raw JSON, and keeps raw JSON one click away for structured results', async () => {
    const plain = render({ success: false, message: 'boom', error: { code: 'E_FAIL', message: 'it broke' }, data: { a: 1 } });
    expect(plain.element.querySelector('.raw-result')!.textContent).toContain('"a": 1');
    expect(plain.element.querySelector('.result-error')!.textContent).toContain('E_FAIL — it broke');
    const structured = render({ success: true, data: LIST });
    expect(structured.element.querySelector('.raw-result')).toBeNull();
    await (await structured.loader.getHarness(MatButtonHarness.with({ text: 'Show raw JSON' }))).click();
    expect(structured.element.querySelector('.raw-result')!.textContent).toContain('"rowActions"');
  });

  it('hides row actions where nothing can run them', async () => {
    const fixture = TestBed.createComponent(CommandResultView);
    fixture.componentRef.setInput('result', { success: true, data: LIST });
    fixture.componentRef.setInput('showRowActions', false);
    fixture.detectChanges();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    expect(await (await (await loader.getHarness(MatTableHarness)).getHeaderRows())[0].getCellTextByIndex()).toEqual(['User', 'State', 'Size', 'OK', 'At', 'Took']);
    expect((await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Disable' }))).length).toBe(0);
  });
});
