import { ApiError } from '../core/http/api-error';
import { Loader, Operation } from './loader';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('Loader', () => {
  it('shows loading, then the value; a failure keeps the last value and shows the server error', async () => {
    let next = deferred<string>();
    const loader = new Loader(() => next.promise);
    const first = loader.load();
    expect(loader.loading()).toBe(true);
    next.resolve('v1');
    await first;
    expect([loader.value(), loader.loading(), loader.error()]).toEqual(['v1', false, null]);
    next = deferred<string>();
    const second = loader.load({ quiet: true });
    expect(loader.loading()).toBe(false);
    next.reject(new ApiError(404, 'SERVICE_NOT_FOUND', 'gone'));
    await second;
    expect(loader.value()).toBe('v1');
    expect(loader.error()?.code).toBe('SERVICE_NOT_FOUND');
  });

  it('never lets an older, slower answer overwrite a newer one', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let call = 0;
    const loader = new Loader(() => answers[call++].promise);
    const older = loader.load();
    const newer = loader.load();
    answers[1].resolve('new');
    await newer;
    answers[0].resolve('old');
    await older;
    expect(loader.value()).toBe('new');
    expect(loader.loading()).toBe(false);
  });
});

describe('Operation', () => {
  it('is busy while it runs and keeps the error of a failed request', async () => {
    const operation = new Operation();
    const pending = deferred<number>();
    const run = operation.run(() => pending.promise);
    expect(operation.busy()).toBe(true);
    pending.resolve(7);
    expect(await run).toBe(7);
    expect(operation.busy()).toBe(false);
    expect(await operation.run(() => Promise.reject(new ApiError(409, 'CONFLICT', 'no')))).toBeUndefined();
    expect(operation.error()?.code).toBe('CONFLICT');
    await operation.run(() => Promise.resolve(1));
    expect(operation.error()).toBeNull();
  });
});
