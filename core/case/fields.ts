// Field schemas shared by the case model: ids, timestamps, hashes and the staff member who acts.
import { z } from 'zod';

/** Ids are UUIDs made where the record is created, so a workstation never waits for the backend to number things. */
export const EntityIdSchema = z.uuid({ error: 'Ogiltigt id: ett UUID förväntas (expected a UUID).' });

/** A point in time, ISO 8601 with a zone ("2025-03-01T14:05:00.000Z"). */
export const TimestampSchema = z.iso.datetime({
  offset: true,
  error: 'Ogiltig tidpunkt: ISO 8601 med tidszon förväntas (expected an ISO 8601 time with zone).',
});

/** SHA-256 as 64 lower-case hex digits. */
export const Sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'Ogiltig kontrollsumma: 64 hexadecimala tecken förväntas (expected SHA-256 hex).');

/**
 * HSA-id: the national directory id of a person or care unit: "SE", the organisation number, a hyphen
 * and a local part of letters and digits (e.g. "SE2321000016-7P3K"). Read case-insensitively and stored
 * in upper case, so the same person never appears under two spellings in the access log.
 */
export const HsaIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^SE\d{10,12}-[0-9A-Z]{1,31}$/,
    'Ogiltigt HSA-id: formen är SE + organisationsnummer + "-" + lokal del (expected SE<org no>-<local part>).',
  );

/** The nurse (or other staff) responsible for a record: identified by HSA-id, shown with name and title. */
export const StaffMemberSchema = z.object({
  hsaId: HsaIdSchema,
  name: z.string().trim().min(1, 'Namn saknas (name is missing).').max(200),
  title: z.string().trim().min(1, 'Titel saknas (title is missing).').max(100),
});
export type StaffMember = z.infer<typeof StaffMemberSchema>;
