import { BeforeApplicationShutdown, Global, Module } from '@nestjs/common';
import { InProcessNotifier } from './in-process-notifier';
import { Notifier } from './notifier';

@Global()
@Module({ providers: [{ provide: Notifier, useClass: InProcessNotifier }], exports: [Notifier] })
export class NotifierModule implements BeforeApplicationShutdown {
  constructor(private readonly notifier: Notifier) {}

  /** Before the HTTP server closes: it waits for in-flight requests, and long-polls would hold it for their whole wait. */
  beforeApplicationShutdown(): void {
    this.notifier.close();
  }
}
