// A call's case found again by the call id, one case per call unless asked, and the saved workspace: what a reload or restart comes back to.
import { describe, expect, it } from 'vitest';
import type { SavedWorkspace } from '../../../core/api/workspace';
import type { Case } from '../../../core/case';
import { clearWorkspaceOnSignOut } from '../../../main/services/workspace/workspaceHandlers';
import { caseStack, manualClock, nurseIda, patientNumber, signedIn, tempProfile } from '../cases/support';

const CALL = '5b0f5a52-3f9e-4d38-9d3c-6a1f0c1d2e3f';

async function signedInStack(profileDir: string | null = null) {
  const stack = caseStack({ profileDir, clock: manualClock() });
  await stack.stores.sessionChanged(signedIn(nurseIda));
  return stack;
}

function caseArgs(extra: Record<string, unknown> = {}) {
  return { patient: { kind: 'identified', number: patientNumber().normalized }, caller: 'self', ...extra };
}

describe('cases.forCall and one case per call', () => {
  it('finds the case made during the call by its call id, and null for a call without one', async () => {
    const stack = await signedInStack();
    const created = await stack.call<Case>('cases.create', caseArgs({ callId: CALL }));
    expect(created.callId).toBe(CALL);
    expect((await stack.call<Case | null>('cases.forCall', { callId: CALL }))?.id).toBe(created.id);
    expect(await stack.call('cases.forCall', { callId: 'another-call' })).toBeNull();
  });

  it('refuses a second case for the same call unless the nurse asks for another, and stores nothing', async () => {
    const stack = await signedInStack();
    const first = await stack.call<Case>('cases.create', caseArgs({ callId: CALL }));
    const refused = await stack.fail('cases.create', caseArgs({ callId: CALL }));
    expect(refused.code).toBe('call_has_case');
    expect(refused.message).toContain(first.id);
    expect(await stack.call<unknown[]>('cases.list', { scope: 'region' })).toHaveLength(1);

    const sibling = await stack.call<Case>(
      'cases.create',
      caseArgs({ callId: CALL, anotherCaseForCall: true }),
    );
    expect(sibling.callId).toBe(CALL);
    expect(await stack.call<unknown[]>('cases.list', { scope: 'region' })).toHaveLength(2);
    // The call still leads to its first case.
    expect((await stack.call<Case>('cases.forCall', { callId: CALL })).id).toBe(first.id);
  });

  it('refuses a bad call id and an anotherCaseForCall that is not true, naming the field', async () => {
    const stack = await signedInStack();
    expect((await stack.fail('cases.forCall', { callId: '' })).message).toMatch(/callId/);
    const bad = await stack.fail('cases.create', caseArgs({ callId: CALL, anotherCaseForCall: false }));
    expect(bad.code).toBe('invalid_arguments');
    expect(bad.message).toMatch(/anotherCaseForCall/);
  });

  it("does not find another region's case for the call", async () => {
    const stack = await signedInStack();
    const { store } = await stack.stores.require();
    store.createCase({
      regionId: 'uppsala',
      patient: { kind: 'unidentified', unidentifiedDescription: 'kvinna ca 30 år' },
      caller: 'self',
      callId: CALL,
      createdBy: { hsaId: nurseIda.hsaId, name: nurseIda.name, title: nurseIda.title },
    });
    expect(await stack.call('cases.forCall', { callId: CALL })).toBeNull();
  });
});

describe('workspace.save and workspace.get', () => {
  it('gives back what was saved, also after the store is closed and opened again (a restart)', async () => {
    const profile = tempProfile();
    try {
      const stack = await signedInStack(profile.dir);
      expect(await stack.call('workspace.get', {})).toBeNull();
      const created = await stack.call<Case>('cases.create', caseArgs({ callId: CALL }));
      const saved = await stack.call<SavedWorkspace>('workspace.save', {
        section: 'cases',
        openCaseId: created.id,
        focus: 'note',
      });
      expect(saved).toMatchObject({ section: 'cases', openCaseId: created.id, focus: 'note' });
      await stack.stores.close();

      const restarted = await signedInStack(profile.dir);
      expect(await restarted.call('workspace.get', {})).toEqual(saved);
      await restarted.stores.close();
    } finally {
      profile.remove();
    }
  });

  it('refuses to save an unknown section, a bad focus or a case that is not here, and keeps the last one', async () => {
    const stack = await signedInStack();
    const created = await stack.call<Case>('cases.create', caseArgs());
    const kept = await stack.call<SavedWorkspace>('workspace.save', {
      section: 'cases',
      openCaseId: created.id,
      focus: 'triage',
    });
    const badSection = await stack.fail('workspace.save', {
      section: 'admin',
      openCaseId: null,
      focus: null,
    });
    expect(badSection.message).toMatch(/section/);
    const badFocus = await stack.fail('workspace.save', { section: 'cases', openCaseId: null, focus: 'x' });
    expect(badFocus.message).toMatch(/focus/);
    const unknown = await stack.fail('workspace.save', {
      section: 'cases',
      openCaseId: '00000000-0000-4000-8000-000000000000',
      focus: null,
    });
    expect(unknown.code).toBe('not_found');
    expect(await stack.call('workspace.get', {})).toEqual(kept);
  });

  it("never saves or reopens another region's case", async () => {
    const stack = await signedInStack();
    const { store } = await stack.stores.require();
    const foreign = store.createCase({
      regionId: 'uppsala',
      patient: { kind: 'unidentified', unidentifiedDescription: 'man ca 50 år' },
      caller: 'self',
      createdBy: { hsaId: nurseIda.hsaId, name: nurseIda.name, title: nurseIda.title },
    });
    const refused = await stack.fail('workspace.save', {
      section: 'cases',
      openCaseId: foreign.id,
      focus: null,
    });
    expect(refused.code).toBe('not_found');
    // Written behind the handler's back (an older build, a tampered file): still not reopened.
    store.saveWorkspace({ section: 'cases', openCaseId: foreign.id, focus: 'note' });
    expect(await stack.call('workspace.get', {})).toMatchObject({
      section: 'cases',
      openCaseId: null,
      focus: null,
    });
    // Not a workspace at all: read as none.
    store.saveWorkspace({ section: 42 });
    expect(await stack.call('workspace.get', {})).toBeNull();
  });

  it('answers not_signed_in when nobody is signed in', async () => {
    const stack = caseStack();
    expect((await stack.fail('workspace.get', {})).code).toMatch(/not_signed_in|store_unavailable/);
  });
});

describe('signing out', () => {
  it('clears the workspace, so the next sign-in starts at the calls section', async () => {
    const stack = await signedInStack();
    const created = await stack.call<Case>('cases.create', caseArgs());
    await stack.call('workspace.save', { section: 'cases', openCaseId: created.id, focus: 'note' });
    clearWorkspaceOnSignOut(stack.stores);
    expect(await stack.call('workspace.get', {})).toMatchObject({
      section: 'calls',
      openCaseId: null,
      focus: null,
    });
  });
});
