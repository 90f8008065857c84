import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatProgressBarHarness } from '@angular/material/progress-bar/testing';
import { OperationStatus, serviceOperation } from './operation-status';

function render(details: unknown) {
  const fixture = TestBed.createComponent(OperationStatus);
  fixture.componentRef.setInput('details', details);
  fixture.detectChanges();
  return { element: fixture.nativeElement as HTMLElement, loader: TestbedHarnessEnvironment.loader(fixture) };
}

describe('OperationStatus', () => {
  it('shows a running operation from the health details with its name, message and a progress bar', async () => {
    const { element, loader } = render({ items: 4, operationStatus: 'RUNNING', operationName: 'reindex', operationMessage: 'step 2 of 5', operationStartedAt: new Date().toISOString() });
    expect(element.querySelector('[data-operation-status]')?.getAttribute('data-operation-status')).toBe('RUNNING');
    expect(element.querySelector('.operation-name')?.textContent).toBe('reindex');
    expect(element.querySelector('.operation-message')?.textContent).toBe('step 2 of 5');
    expect(await (await loader.getHarness(MatProgressBarHarness)).getMode()).toBe('indeterminate');
  });

  it('shows a finished operation without a progress bar', async () => {
    const { element, loader } = render({ operationStatus: 'FAILED', operationName: 'reindex', operationMessage: 'disk full' });
    expect(element.querySelector('[data-status="FAILED"]')).not.toBeNull();
    expect(await loader.getAllHarnesses(MatProgressBarHarness)).toHaveLength(0);
  });

  it('shows nothing when the health details carry no (known) operation status', () => {
    expect(render({ items: 4 }).element.querySelector('.operation')).toBeNull();
    expect(render(null).element.querySelector('.operation')).toBeNull();
    expect(serviceOperation({ operationStatus: 'SOMETHING' })).toBeNull();
    expect(serviceOperation({ operationStatus: 'IDLE', operationName: 42 })).toEqual({ status: 'IDLE', name: null, message: null, startedAt: null });
  });
});
