// Patient identity: parsing Swedish identity numbers and the stored shapes for callers and third parties.

import { z } from 'zod';

/** Kinds of identity a caller can have; `unidentified` means care goes ahead without a number. */
export const PATIENT_IDENTITY_KINDS = [
  'personnummer',
  'samordningsnummer',
  'reservnummer',
  'unidentified',
] as const;
export type PatientIdentityKind = (typeof PATIENT_IDENTITY_KINDS)[number];

export const SexSchema = z.enum(['female', 'male']);
export type Sex = z.infer<typeof SexSchema>;

const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum ska skrivas ÅÅÅÅ-MM-DD');

/**
 * The identity stored with a contact. Care is never refused an unidentified caller, so
 * `unidentified` carries a free-text description ("man ca 40 år") instead of a number.
 */
export const PatientIdentitySchema = z
  .object({
    kind: z.enum(PATIENT_IDENTITY_KINDS),
    /** 12 digits for personnummer/samordningsnummer; the regional form for reservnummer. */
    normalized: z.string().min(1).optional(),
    /** "YYYYMMDD-NNNN" for personnummer/samordningsnummer. */
    display: z.string().min(1).optional(),
    birthDate: IsoDateSchema.nullable().optional(),
    sex: SexSchema.nullable().optional(),
    unidentifiedDescription: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((identity, ctx) => {
    if (identity.kind === 'unidentified') {
      if (identity.normalized !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['normalized'],
          message: 'En oidentifierad patient har inget nummer',
        });
      }
    } else if (identity.normalized === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['normalized'],
        message: `Ett ${identity.kind} måste ha ett nummer`,
      });
    }
  });
export type PatientIdentity = z.infer<typeof PatientIdentitySchema>;

/** How a third-party caller (someone calling for the patient) is related to them. */
export const THIRD_PARTY_RELATIONS = [
  'foralder',
  'partner',
  'barn',
  'anhorig',
  'vardpersonal',
  'annan',
] as const;
export type ThirdPartyRelation = (typeof THIRD_PARTY_RELATIONS)[number];

export const THIRD_PARTY_RELATION_LABELS: Readonly<Record<ThirdPartyRelation, { sv: string; en: string }>> = {
  foralder: { sv: 'Förälder', en: 'Parent' },
  partner: { sv: 'Make/maka/partner', en: 'Spouse/partner' },
  barn: { sv: 'Barn', en: 'Child' },
  anhorig: { sv: 'Anhörig', en: 'Relative' },
  vardpersonal: { sv: 'Vårdpersonal', en: 'Healthcare staff' },
  annan: { sv: 'Annan', en: 'Other' },
};

/** Someone calling on the patient's behalf; the phone number is for calling back. */
export const ThirdPartyCallerSchema = z.object({
  name: z.string().trim().min(1, 'Ange namnet på den som ringer').max(200),
  relation: z.enum(THIRD_PARTY_RELATIONS),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{5,20}$/, 'Telefonnumret får bara innehålla siffror, mellanslag, bindestreck och +')
    .optional(),
});
export type ThirdPartyCaller = z.infer<typeof ThirdPartyCallerSchema>;
