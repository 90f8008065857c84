import { spawnSync } from 'node:child_process';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serverNodeOptions, withServerNodeOptions } = require('./server-node-options.cjs') as {
  serverNodeOptions: (cores?: number) => string[];
  withServerNodeOptions: (env: NodeJS.ProcessEnv, cores?: number) => NodeJS.ProcessEnv;
};

/**
 * What a Node process started with `env` ends up with: its threads (V8's helpers among them; counted rather than found
 * by name, which older Node versions do not set), and its young generation's peak size under churn.
 */
function runtimeOf(env: NodeJS.ProcessEnv): { threads: number; youngGenerationMb: number } {
  const probe = `
    const { readdirSync } = require('node:fs');
    const v8 = require('node:v8');
    let peak = 0;
    const keep = [];
    for (let i = 0; i < 4e6; i++) {
      keep.push({ i });
      if (keep.length > 2e5) keep.length = 0;
      if (i % 5e4 === 0) peak = Math.max(peak, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
    }
    process.stdout.write(JSON.stringify({ threads: readdirSync('/proc/self/task').length, youngGenerationMb: peak / 2 ** 20 }));`;
  const run = spawnSync(process.execPath, ['-e', probe], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

describe('the server Node options', () => {
  it('caps the semi-spaces at 4 MB and leaves the event loop a core: V8 helper threads one fewer than the cores, 1 to 4', () => {
    expect(serverNodeOptions(2)).toEqual(['--max-semi-space-size=4', '--v8-pool-size=1']);
    expect([1, 2, 3, 5, 16].map((cores) => serverNodeOptions(cores)[1])).toEqual(['--v8-pool-size=1', '--v8-pool-size=1', '--v8-pool-size=2', '--v8-pool-size=4', '--v8-pool-size=4']);
  });

  it("take effect in a real Node process, ahead of the operator's own NODE_OPTIONS, which win", () => {
    const untuned = runtimeOf({}); // Node's four V8 helper threads
    expect(untuned.youngGenerationMb).toBeGreaterThan(8);
    const tuned = runtimeOf(withServerNodeOptions({}, 3));
    expect(tuned.threads).toBe(untuned.threads - 2);
    expect(tuned.youngGenerationMb).toBeLessThanOrEqual(8); // two semi-spaces of 4 MB
    const env = withServerNodeOptions({ NODE_OPTIONS: '--max-semi-space-size=16 --v8-pool-size=3' }, 3);
    expect(env.NODE_OPTIONS).toBe('--max-semi-space-size=4 --v8-pool-size=2 --max-semi-space-size=16 --v8-pool-size=3');
    const overridden = runtimeOf(env);
    expect(overridden.threads).toBe(untuned.threads - 1);
    expect(overridden.youngGenerationMb).toBeGreaterThan(8);
  });
});
