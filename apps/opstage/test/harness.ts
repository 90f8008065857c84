import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MikroORM } from '@mikro-orm/sqlite';
import { loadConfig, OpstageConfig } from '../src/config/opstage-config';
import { createApp } from '../src/create-app';

export const OWNER = { username: 'owner@example.test', password: 'Owner-Password-123!' };

export interface HttpResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A cookie-and-CSRF aware HTTP client for one admin user, over real loopback HTTP. */
export class AdminClient {
  cookie?: string;
  csrfToken?: string;

  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<HttpResponse> {
    const res = await request(this.baseUrl, 'POST', '/api/admin/auth/login', { body: { username, password } });
    const setCookie = res.headers.get('set-cookie');
    if (res.status === 200 && setCookie) {
      this.cookie = setCookie.split(';')[0];
      this.csrfToken = res.body.data.csrfToken;
    }
    return res;
  }

  get<T = any>(path: string): Promise<HttpResponse<T>> {
    return request(this.baseUrl, 'GET', path, { headers: this.headers(false) });
  }

  send<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<HttpResponse<T>> {
    return request(this.baseUrl, method, path, { body, headers: { ...this.headers(true), ...extraHeaders } });
  }

  post<T = any>(path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<HttpResponse<T>> {
    return this.send<T>('POST', path, body, extraHeaders);
  }

  private headers(mutating: boolean): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (mutating && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    return headers;
  }
}

export async function request<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<HttpResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined && body === undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = headers['content-type'] ?? 'application/json';
  }
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON (CSV, binary) */
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** A real Opstage server on a loopback port with its own SQLite file, in this process. */
export class TestServer {
  app!: NestFastifyApplication;
  baseUrl!: string;
  config!: OpstageConfig;
  readonly dataDir: string;

  constructor(
    private readonly env: Record<string, string> = {},
    dataDir?: string,
  ) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'opstage-test-'));
  }

  async start(): Promise<this> {
    this.config = loadConfig({
      OPSTAGE_DATA_DIR: this.dataDir,
      OPSTAGE_PORT: '0',
      OPSTAGE_HOST: '127.0.0.1',
      OPSTAGE_ADMIN_USERNAME: OWNER.username,
      OPSTAGE_ADMIN_PASSWORD: OWNER.password,
      OPSTAGE_LOG_LEVEL: 'silent',
      OPSTAGE_MAINTENANCE_INTERVAL_SECONDS: '0',
      NODE_ENV: 'test',
      ...this.env,
    });
    this.app = await createApp(this.config, { swaggerUi: true });
    await this.app.listen({ host: '127.0.0.1', port: 0 });
    const address = this.app.getHttpServer().address();
    this.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  async stop(removeData = true): Promise<void> {
    await this.app?.close();
    if (removeData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  admin(): AdminClient {
    return new AdminClient(this.baseUrl);
  }

  async owner(): Promise<AdminClient> {
    const client = this.admin();
    const res = await client.login(OWNER.username, OWNER.password);
    if (res.status !== 200) throw new Error(`owner login failed: ${res.status} ${res.text}`);
    return client;
  }

  request<T = any>(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; rawBody?: string } = {}): Promise<HttpResponse<T>> {
    return request<T>(this.baseUrl, method, path, options);
  }

  /** SQL on the server's own connection: to set up or read what the API does not offer. */
  sql<T = any>(query: string, params: unknown[] = []): Promise<T> {
    return this.app.get(MikroORM).em.fork().getConnection().execute<T & object>(query, params) as Promise<T>;
  }
}
