// Seeds many agents, each with its own agent token, straight into a stopped Opstage's SQLite file (copies of a real
// agent and token row, so every column has the type Opstage writes). Returns the raw tokens.
const Database = require('better-sqlite3');
const { createHash, randomBytes } = require('node:crypto');

function seedAgents(dbFile, count, prefix) {
  const db = new Database(dbFile);
  try {
    const agentTemplate = db.prepare('select * from agents limit 1').get();
    const tokenTemplate = db.prepare('select * from agent_tokens limit 1').get();
    if (!agentTemplate || !tokenTemplate) throw new Error('no agent to copy: register one first');
    const insert = (table, row) => db.prepare(`insert into ${table} (${Object.keys(row).join(', ')}) values (${Object.keys(row).map((c) => `@${c}`).join(', ')})`);
    const insertAgent = insert('agents', agentTemplate);
    const insertToken = insert('agent_tokens', tokenTemplate);
    const agents = [];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const n = String(i).padStart(6, '0');
        const agentId = `agt_${prefix.toUpperCase()}${n}`;
        const agentToken = `opstage_agent_${randomBytes(32).toString('base64url')}`;
        insertAgent.run({ ...agentTemplate, id: agentId, code: `${prefix}-${n}`, status: 'ONLINE', last_heartbeat_at: Date.now() });
        insertToken.run({ ...tokenTemplate, id: `tok_${prefix.toUpperCase()}${n}`, agent_id: agentId, token_hash: createHash('sha256').update(agentToken).digest('hex'), status: 'ACTIVE', revoked_at: null, last_used_at: null });
        agents.push({ agentId, agentToken });
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return agents;
  } finally {
    db.close();
  }
}

module.exports = { seedAgents };
