// The case model in one import: cases, notes, attachments, the access log and the sync envelope.
//
// Glossary (Swedish words nurses use, kept as field names):
//   rådgivningsanteckning  the advice-contact note written for every contact
//   kontaktorsak           reason for contact, in the caller's words
//   bedömning              the nurse's assessment
//   råd                    the advice given
//   hänvisning             referral: where the patient should go, or "egenvård" (self-care)
//   brådskegrad            urgency level, 1 (Ring 112 nu) to 6 (Egenvård), see core/triage/dispositionLadder
//   vårdenhet              care unit, identified by its HSA-id
//   patientdatalagen       the Patient Data Act: every access to a patient's record is logged
export * from './accessLog';
export * from './attachment';
export * from './canonical';
export * from './case';
export * from './fields';
export * from './note';
export * from './sync';
