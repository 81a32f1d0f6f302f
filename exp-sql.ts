import { SqlGatewayClient } from '/work/main/flink-deploy/rest/index.js';
const gw = new SqlGatewayClient('http://127.0.0.1:8083');
const s = await gw.openSession({ 'execution.runtime-mode': 'batch', 'table.local-time-zone': 'UTC' }, 'exp');
for (const q of process.argv.slice(2)) {
  try { const r = await gw.execute(s, q, { timeoutMs: 60000 }); console.log(q, '=>', JSON.stringify(r.rows)); }
  catch (e) { console.log(q, '=> ERROR', (e as Error).message.split('\n').slice(0,3).join(' | ')); }
}
await gw.closeSession(s);
