import { mergeSettings } from './maintenance-settings.service';

const DEFAULTS = { agentOfflineThresholdSeconds: 90, auditRetentionDays: 90, maintenanceIntervalSeconds: 60, healthRetentionDays: 7, commandRetentionDays: 30, backupRetentionCount: 10 };

describe('effective maintenance settings', () => {
  it('merges stored values over the env defaults', () => {
    expect(mergeSettings(DEFAULTS, { auditRetentionDays: 7, maintenanceIntervalSeconds: 0 })).toEqual({ ...DEFAULTS, auditRetentionDays: 7, maintenanceIntervalSeconds: 0 });
  });

  it('ignores invalid stored values field by field, and a stored value that is not an object', () => {
    expect(mergeSettings(DEFAULTS, { agentOfflineThresholdSeconds: 0, auditRetentionDays: -1, healthRetentionDays: '3', commandRetentionDays: 1.5, backupRetentionCount: 2 })).toEqual({ ...DEFAULTS, backupRetentionCount: 2 });
    expect(mergeSettings(DEFAULTS, null)).toEqual(DEFAULTS);
    expect(mergeSettings(DEFAULTS, [1, 2])).toEqual(DEFAULTS);
  });
});
