import { firstValueFrom, of, toArray } from 'rxjs';
import type { OpstageConfig } from '../../config/opstage-config';
import { CommandCancelledEvent } from '../../commands/events/impl/command-cancelled.event';
import { CommandFinishedEvent } from '../../commands/events/impl/command-finished.event';
import { BusCommandOutcomeSaga } from './bus-command-outcome.saga';

describe('BusCommandOutcomeSaga', () => {
  const events = () =>
    of(
      new CommandFinishedEvent('cmd_console', 'agt_1', 'SUCCEEDED'),
      new CommandFinishedEvent('cmd_bus', 'agt_1', 'FAILED', 'bev_1'),
      new CommandCancelledEvent('cmd_console_cancelled', 'agt_1', true),
      new CommandCancelledEvent('cmd_bus_cancelled', 'agt_1', false, 'bev_2'),
    );
  const outcomes = (busEnabled: boolean) =>
    firstValueFrom(new BusCommandOutcomeSaga({ busEnabled } as OpstageConfig).commandEnded(events()).pipe(toArray()));

  it('records the end of bus-created commands only', async () => {
    expect(await outcomes(true)).toEqual([
      expect.objectContaining({ commandId: 'cmd_bus', status: 'FAILED' }),
      expect.objectContaining({ commandId: 'cmd_bus_cancelled', status: 'CANCELLED' }),
    ]);
  });

  it('is idle while the bus is off', async () => {
    expect(await outcomes(false)).toEqual([]);
  });
});
