// A regional backend as its own process for the fault tests: test accounts in one region, one JSON line when listening.
//
// Usage: node --import tsx backendProcess.ts (--database-url <url> | --data-dir <dir>) --staff HSA:password ...
//        [--heartbeat-ms N] [--accept-commands]
// With --accept-commands it also reads JSON lines on stdin, each {"region":{"id","name"},"staff":[{"hsaId",
// "password"}]}, creates that region and its nurses, and answers {"ready":"<region id>"} (or {"error":…}):
// the soak gives every run a region of its own without restarting the backend.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createStaffAccount, ensureRegion } from '../../../backend/src/auth/staffAccounts';
import { startBackend } from '../../../backend/src/server';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    staff: { type: 'string', multiple: true, default: [] },
    'heartbeat-ms': { type: 'string', default: '25000' },
    'accept-commands': { type: 'boolean', default: false },
  },
});

const backend = await startBackend({
  databaseUrl: values['database-url'],
  dataDir: values['data-dir'],
  logLevel: 'silent',
  authRateLimit: { max: 10_000, windowMs: 60_000 },
  eventHeartbeatMs: Number(values['heartbeat-ms']),
});

async function createNurse(hsaId: string, password: string, regionId: string): Promise<void> {
  await createStaffAccount(backend.db, {
    hsaId,
    name: `Testsköterska ${hsaId.slice(-2)}`,
    title: 'Sjuksköterska',
    roles: ['nurse'],
    regionId,
    password,
  });
}

await ensureRegion(backend.db, { id: 'skane', name: 'Region Skåne' });
for (const entry of values.staff) {
  const [hsaId, password] = entry.split(':') as [string, string];
  await createNurse(hsaId, password, 'skane');
}
console.log(JSON.stringify({ url: backend.url }));
const stop = () => void backend.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const RegionCommandSchema = z.strictObject({
  region: z.strictObject({ id: z.string().min(2), name: z.string().min(1) }),
  staff: z.array(z.strictObject({ hsaId: z.string().min(1), password: z.string().min(8) })).min(1),
});
if (values['accept-commands']) {
  // One command at a time, in the order they came.
  let queue = Promise.resolve();
  const commands = createInterface({ input: process.stdin });
  // The soak that started it went away (its end of stdin closed): do not outlive it.
  commands.on('close', () => void queue.then(stop));
  commands.on('line', (text) => {
    queue = queue.then(async () => {
      try {
        const command = RegionCommandSchema.parse(JSON.parse(text));
        await ensureRegion(backend.db, command.region);
        for (const { hsaId, password } of command.staff)
          await createNurse(hsaId, password, command.region.id);
        console.log(JSON.stringify({ ready: command.region.id }));
      } catch (error) {
        console.log(
          JSON.stringify({ error: `bad command: ${error instanceof Error ? error.message : String(error)}` }),
        );
      }
    });
  });
}
