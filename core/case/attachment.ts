// Attachments: images captured or received into a case, identified by the SHA-256 of their bytes.
import { z } from 'zod';
import { EntityIdSchema, Sha256HexSchema, TimestampSchema } from './fields';

/** Image types a patient's phone or the video call can produce. */
export const ATTACHMENT_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
] as const;
export const AttachmentMimeTypeSchema = z.enum(ATTACHMENT_MIME_TYPES, {
  error: `Bildformatet stöds inte; tillåtna är ${ATTACHMENT_MIME_TYPES.join(', ')} (unsupported image type).`,
});
export type AttachmentMimeType = z.infer<typeof AttachmentMimeTypeSchema>;

/** Largest attachment accepted: a full-resolution phone photo fits with room to spare. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

export const AttachmentSchema = z.strictObject({
  id: EntityIdSchema,
  caseId: EntityIdSchema,
  mimeType: AttachmentMimeTypeSchema,
  byteLength: z
    .number()
    .int()
    .min(1, 'Bilden är tom (the image is empty).')
    .max(
      ATTACHMENT_MAX_BYTES,
      `Bilden är större än ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB (the image is too large).`,
    ),
  sha256: Sha256HexSchema,
  createdAt: TimestampSchema,
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Metadata a workstation supplies with new bytes; length and hash are computed from the bytes themselves. */
export const NewAttachmentInputSchema = z.strictObject({
  id: EntityIdSchema.optional(),
  caseId: EntityIdSchema,
  mimeType: AttachmentMimeTypeSchema,
  createdAt: TimestampSchema.optional(),
});
export type NewAttachmentInput = z.input<typeof NewAttachmentInputSchema>;
