// Attachments: stored with their SHA-256, verified on every read, never changed.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError, type WorkstationStore } from '../../../main/services/store';
import { memoryStore, newCaseInput } from './fixtures';

let store: WorkstationStore;
let caseId: string;
beforeEach(() => {
  store = memoryStore();
  caseId = store.createCase(newCaseInput()).id;
});
afterEach(() => store.close());

// A few bytes that start like a JPEG; content does not matter to the store.
const photo = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('utslag på underarmen'.repeat(50)),
]);

describe('attachments', () => {
  it('are stored with length and SHA-256 computed from the bytes, and read back verified', () => {
    const attachment = store.addAttachment({ caseId, mimeType: 'image/jpeg' }, photo);
    expect(attachment).toMatchObject({
      caseId,
      mimeType: 'image/jpeg',
      byteLength: photo.byteLength,
      sha256: createHash('sha256').update(photo).digest('hex'),
    });
    const read = store.readAttachment(attachment.id);
    expect(read.attachment).toEqual(attachment);
    expect(read.bytes.equals(photo)).toBe(true);
    expect(store.listAttachments(caseId)).toEqual([attachment]);
    expect(store.outbox.nextBatch().at(-1)).toMatchObject({
      entity: 'attachment',
      op: 'add',
      payload: attachment,
    });
  });

  it('report damaged bytes as an integrity error instead of showing them', () => {
    const attachment = store.addAttachment({ caseId, mimeType: 'image/png' }, photo);
    // Simulate damage below the application: bypass the immutability trigger and flip one byte.
    store.db.exec('DROP TRIGGER attachments_no_update');
    const damaged = Buffer.from(photo);
    damaged[100] = damaged[100]! ^ 0x01;
    store.db.prepare('UPDATE attachments SET bytes = ? WHERE id = ?').run(damaged, attachment.id);
    let error: unknown;
    try {
      store.readAttachment(attachment.id);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('integrity');
    expect((error as StoreError).message).toContain('no longer match the SHA-256 recorded when it was saved');
  });

  it('cannot be changed or deleted', () => {
    const attachment = store.addAttachment({ caseId, mimeType: 'image/webp' }, photo);
    expect(() =>
      store.db.prepare('UPDATE attachments SET mime_type = ? WHERE id = ?').run('image/png', attachment.id),
    ).toThrow('An attachment cannot be changed.');
    expect(() => store.db.prepare('DELETE FROM attachments WHERE id = ?').run(attachment.id)).toThrow(
      'An attachment cannot be deleted.',
    );
  });

  it('reject unsupported types, empty bytes, non-bytes and unknown cases, writing nothing', () => {
    expect(() => store.addAttachment({ caseId, mimeType: 'application/pdf' as never }, photo)).toThrow(
      'Bildformatet stöds inte',
    );
    expect(() => store.addAttachment({ caseId, mimeType: 'image/jpeg' }, new Uint8Array())).toThrow(
      'Bilden är tom',
    );
    expect(() => store.addAttachment({ caseId, mimeType: 'image/jpeg' }, 'not bytes' as never)).toThrow(
      'must be a Buffer or Uint8Array',
    );
    expect(() =>
      store.addAttachment({ caseId: '0b3f3f4e-9a55-4d8c-9e51-1f2a3b4c5d6e', mimeType: 'image/jpeg' }, photo),
    ).toThrow('No case with id');
    expect(() => store.readAttachment('0b3f3f4e-9a55-4d8c-9e51-1f2a3b4c5d6e')).toThrow(
      'No attachment with id',
    );
    expect(store.listAttachments(caseId)).toEqual([]);
  });
});
