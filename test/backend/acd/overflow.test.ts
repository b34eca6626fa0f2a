// The shared overflow queue: calls of a small region overflow after the regional time and are served by nurses of other regions.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { QueueConfigSet } from '../../../backend/src/acd/config';
import { describeEachEngine } from '../support/testBackend';
import { accept, addNurse, getPresence, injectCall, queueOf, setPresence, startAcdBackend } from './support';
import type { AcdTestBackend } from './support';

describeEachEngine('overflow queue', (engine) => {
  let backend: AcdTestBackend;
  beforeAll(async () => {
    // "small" sends its calls to overflow after 2 minutes and does not serve it; "north" and "south" serve it.
    const config = new QueueConfigSet({ layer: 'national', version: 1 }, [
      { layer: 'region', version: 1, regionId: 'small', overflow: { serve: false, sendAfterSeconds: 120 } },
      { layer: 'region', version: 1, regionId: 'north', overflow: { serve: true, sendAfterSeconds: null } },
      { layer: 'region', version: 1, regionId: 'south', overflow: { serve: true, sendAfterSeconds: null } },
    ]);
    backend = await startAcdBackend(engine, { queueConfig: config });
  });
  afterAll(() => backend?.close());

  it('serves a waiting call of another region once it overflows, by the longest-available nurse of the serving regions', async () => {
    const local = await addNurse(backend, { regionId: 'small' });
    const north = await addNurse(backend, { regionId: 'north' });
    const south = await addNurse(backend, { regionId: 'south' });
    await setPresence(backend, south, { state: 'available' });
    backend.clock.advance(1_000);
    await setPresence(backend, north, { state: 'available' });
    const call = await injectCall(backend, {
      regionId: 'small',
      answers: [{ code: 'severe-pain', answer: 'yes' }],
    });

    // Before two minutes: only the small region's own queue; nobody there is free, so it waits.
    backend.clock.advance(119_000);
    await backend.context.acd.tick();
    expect((await getPresence(backend, south)).offer).toBeNull();
    expect((await queueOf(backend, north)).queues[1]!.calls).toEqual([]);

    backend.clock.advance(1_000);
    await backend.context.acd.tick();
    // South has been available longest of the overflow nurses.
    expect((await getPresence(backend, south)).offer?.callId).toBe(call.callId);
    expect((await getPresence(backend, north)).offer).toBeNull();
    const northView = await queueOf(backend, north);
    expect(northView.queues[1]).toEqual(
      expect.objectContaining({ queueId: 'overflow', servedByYou: true, waitingCount: 1 }),
    );
    expect(northView.queues[1]!.calls[0]).toEqual(
      expect.objectContaining({
        callId: call.callId,
        regionId: 'small',
        state: 'offered',
        offeredTo: south.hsaId,
      }),
    );
    // The small region still sees its own call, marked as overflowing.
    const localView = await queueOf(backend, local);
    expect(localView.queues[0]!.calls[0]).toEqual(
      expect.objectContaining({ callId: call.callId, overflowing: true }),
    );
    expect(localView.queues[1]!.servedByYou).toBe(false);

    const { call: answered } = await accept(backend, south, call.callId);
    expect(answered.regionId).toBe('small');
    expect(answered.assignedTo).toBe(south.hsaId);
    await setPresence(backend, north, { state: 'offline' });
  });

  it('takes calls sent straight to the overflow queue from nurses of two regions, and never from a region that does not serve it', async () => {
    const local = await addNurse(backend, { regionId: 'small' });
    const north = await addNurse(backend, { regionId: 'north' });
    const south = await addNurse(backend, { regionId: 'south' });
    await setPresence(backend, local, { state: 'available' });
    await setPresence(backend, north, { state: 'available' });
    await setPresence(backend, south, { state: 'available' });
    const first = await injectCall(backend, { regionId: 'small', queueId: 'overflow' });
    const second = await injectCall(backend, { regionId: 'small', queueId: 'overflow' });
    expect(first.queueId).toBe('overflow');
    const offered = [
      (await getPresence(backend, north)).offer?.callId,
      (await getPresence(backend, south)).offer?.callId,
    ];
    expect(offered.sort()).toEqual([first.callId, second.callId].sort());
    expect((await getPresence(backend, local)).offer).toBeNull();
  });
});
