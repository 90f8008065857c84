import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { getCommand } from '../api/fn/admin-commands/get-command';
import type { CommandDetailDto } from '../api/models/command-detail-dto';
import { ApiClient } from '../core/http/api-client';
import { ApiError } from '../core/http/api-error';
import { AdminStream } from '../core/stream/admin-stream';

export const TERMINAL_STATUSES = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED']);

/**
 * Follows one command until it is terminal: re-reads it on every stream event about it, and every few seconds in case
 * the stream is down. The first read after completion is the only one that carries a one-time `generatedKey`, so the
 * tracker keeps that read's result.
 */
@Injectable()
export class CommandTracker {
  private readonly client = inject(ApiClient);
  private followed: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reading = false;

  readonly command = signal<CommandDetailDto | null>(null);
  readonly error = signal<ApiError | null>(null);
  readonly running = computed(() => {
    const command = this.command();
    return command != null && !TERMINAL_STATUSES.has(command.status);
  });

  constructor() {
    inject(AdminStream).on((message) => {
      if (message['commandId'] && message['commandId'] === this.followed) void this.read();
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  follow(command: { id: string } & Partial<CommandDetailDto>): void {
    this.stop();
    this.followed = command.id;
    this.error.set(null);
    this.command.set({ result: null, ...command } as CommandDetailDto);
    void this.read();
  }

  stop(): void {
    this.followed = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async read(): Promise<void> {
    const id = this.followed;
    if (!id || this.reading) return;
    this.reading = true;
    try {
      const command = await this.client.call(getCommand, { commandId: id });
      if (id !== this.followed) return;
      this.command.set(command);
      if (TERMINAL_STATUSES.has(command.status)) this.stop();
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.reading = false;
      if (this.followed === id) {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.read(), 2000);
      }
    }
  }
}
