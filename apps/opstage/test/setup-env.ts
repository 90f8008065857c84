// Tests never touch the developer's ./data: every harness gets its own temporary data directory.
process.env.OPSTAGE_LOG_LEVEL = process.env.OPSTAGE_LOG_LEVEL ?? 'silent';
process.env.NODE_ENV = 'test';
