// A regional backend as its own process for the fault tests: test accounts in one region, one JSON line when listening.
//
// Usage: node --import tsx backendProcess.ts (--database-url <url> | --data-dir <dir>) --staff HSA:password ...
//        [--heartbeat-ms N]
import { parseArgs } from 'node:util';
import { createStaffAccount, ensureRegion } from '../../../backend/src/auth/staffAccounts';
import { startBackend } from '../../../backend/src/server';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    staff: { type: 'string', multiple: true, default: [] },
    'heartbeat-ms': { type: 'string', default: '25000' },
  },
});

const backend = await startBackend({
  databaseUrl: values['database-url'],
  dataDir: values['data-dir'],
  logLevel: 'silent',
  authRateLimit: { max: 10_000, windowMs: 60_000 },
  eventHeartbeatMs: Number(values['heartbeat-ms']),
});
await ensureRegion(backend.db, { id: 'skane', name: 'Region Skåne' });
for (const entry of values.staff) {
  const [hsaId, password] = entry.split(':') as [string, string];
  await createStaffAccount(backend.db, {
    hsaId,
    name: `Testsköterska ${hsaId.slice(-2)}`,
    title: 'Sjuksköterska',
    roles: ['nurse'],
    regionId: 'skane',
    password,
  });
}
console.log(JSON.stringify({ url: backend.url }));
const stop = () => void backend.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
