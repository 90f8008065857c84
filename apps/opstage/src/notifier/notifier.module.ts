import { Global, Module } from '@nestjs/common';
import { InProcessNotifier } from './in-process-notifier';
import { Notifier } from './notifier';

@Global()
@Module({ providers: [{ provide: Notifier, useClass: InProcessNotifier }], exports: [Notifier] })
export class NotifierModule {}
