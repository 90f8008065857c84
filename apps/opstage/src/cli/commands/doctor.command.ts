import { CliCommand, out } from '../cli-command';
import { EXIT } from '../cli-failure';
import { runDoctorChecks } from '../doctor-checks';

export const doctorCommand: CliCommand = {
  name: 'doctor',
  usage: 'doctor',
  summary: 'Check configuration, data directory, database and migrations (exit 1 on any FAIL)',
  async run() {
    const results = await runDoctorChecks();
    const width = Math.max(...results.map((r) => r.check.length));
    for (const { check, verdict, detail } of results) out(`${verdict}  ${check.padEnd(width)}  ${detail}`);
    const failed = results.filter((r) => r.verdict === 'FAIL').length;
    const warned = results.filter((r) => r.verdict === 'WARN').length;
    out(failed ? `${failed} check(s) failed.` : warned ? `No failures, ${warned} warning(s).` : 'All checks passed.');
    return failed ? EXIT.failed : EXIT.ok;
  },
};
