import { spawnSync } from 'node:child_process';
import { GC_FLAGS } from './gc-tuning';

describe('GC_FLAGS', () => {
  it('are all flags this Node’s V8 knows (it names an unknown one on stderr and ignores it)', () => {
    expect(GC_FLAGS.length).toBeGreaterThan(0);
    for (const flag of GC_FLAGS) {
      const run = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`], { encoding: 'utf8' });
      expect({ flag, stderr: run.stderr, status: run.status }).toEqual({ flag, stderr: '', status: 0 });
    }
  });

  it('catches a flag V8 does not know', () => {
    const run = spawnSync(process.execPath, ['-e', "require('node:v8').setFlagsFromString('--heap-growing-percnt=20')"], { encoding: 'utf8' });
    expect(run.stderr).toMatch(/unrecognized flag/);
  });
});
