// Seeds many services straight into a stopped Opstage's SQLite file (registering 10,000 through the API would only
// measure registration): copies of a real service row, so every column has the type Opstage itself writes.
const Database = require('better-sqlite3');

function seedServices(dbFile, count) {
  const db = new Database(dbFile);
  try {
    const template = db.prepare('select * from capsule_services limit 1').get();
    if (!template) throw new Error('no service to copy: register an agent first');
    const columns = Object.keys(template);
    const insert = db.prepare(`insert into capsule_services (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    const insertAll = db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const suffix = String(i).padStart(6, '0');
        insert.run({ ...template, id: `svc_BENCH${suffix}${'0'.repeat(13)}`.slice(0, 30), code: `seeded-${suffix}`, name: `Seeded service ${suffix}`, created_at: typeof template.created_at === 'number' ? template.created_at - i : template.created_at });
      }
    });
    insertAll();
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

module.exports = { seedServices };
