// The referral receipt (hänvisningskvitto): the PDF says what the note and the chosen unit say, the SMS leaves the reason out, both are access-logged.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptPdf, SentSms, SuggestResult } from '../../../core/api/referral';
import { SMS_MAX_LENGTH } from '../../../core/backend-api/catalog';
import type { Case } from '../../../core/case/case';
import { buildReceipt, receiptSmsText } from '../../../main/services/referral';
import { sweden } from '../../core/referral/support/time';
import { pdfText, pdfTextLines } from './pdfText';
import {
  demoCatalogResponse,
  FakeReferralBackend,
  nurseOf,
  referralStack,
  triagedCase,
  triageRecord,
} from './support';

const VISBY = { lat: 57.6348, lon: 18.2948 };
const AT = '2026-06-13 23:30';
const NOTE = {
  kontaktorsak: 'Ont i magen sedan i eftermiddags, tilltagande.',
  bedomning: 'Smärta höger fossa, feber 38,4. Misstänkt blindtarmsinflammation.',
  rad: 'Åk till akutmottagningen i natt. Ät och drick inget tills du blivit undersökt.',
  hanvisning: 'Akutmottagningen Visby lasarett i natt.',
  bradskegrad: 3,
};

type Stack = ReturnType<typeof referralStack>;
const stacks: Stack[] = [];
afterEach(async () => {
  for (const stack of stacks.splice(0)) {
    stack.referral.stop();
    await stack.stores.close();
  }
});

async function documentedCase(options: { sign: boolean; choose: boolean }) {
  const backend = new FakeReferralBackend();
  backend.catalog = await demoCatalogResponse('gotland');
  const stack = referralStack({
    staff: nurseOf('gotland', 'Maja Ström', 'Distriktssköterska'),
    at: sweden(AT),
    backend,
  });
  stacks.push(stack);
  await stack.signIn();
  const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
  const noteId = crypto.randomUUID();
  await stack.call('notes.saveDraft', { caseId, noteId, ...NOTE });
  if (options.sign) await stack.call('notes.sign', { noteId });
  if (options.choose) {
    const { suggestions } = await stack.call<SuggestResult>('referral.suggest', { caseId, location: VISBY });
    const chosen = suggestions[0]!;
    await stack.call<Case>('cases.saveReferral', {
      caseId,
      referral: {
        unitHsaId: chosen.unit.hsaId,
        unitName: chosen.unit.name,
        careType: chosen.unit.careType,
        reasonSv: chosen.reasons.map((r) => r.sv).join('; '),
        chosenAt: sweden(AT).toISOString(),
      },
    });
  }
  return { stack, caseId, backend };
}

describe('the receipt as PDF', () => {
  it('holds kontaktorsak, råd, the unit with address, phone and today’s hours, brådskegrad, time, nurse and the demo mark', async () => {
    const { stack, caseId } = await documentedCase({ sign: true, choose: true });
    const pdf = await stack.call<ReceiptPdf>('referral.receiptPdf', { caseId });
    expect(pdf.fileName).toBe('hanvisningskvitto-2026-06-13-2330.pdf');
    expect(pdf.mimeType).toBe('application/pdf');
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.byteLength).toBe(pdf.byteLength);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = pdfText(bytes);
    expect(pdfTextLines(bytes).slice(0, 2)).toEqual([
      'Utfärdat 13 juni 2026 kl. 23:30 · Region Gotland · DEMO',
      'Hänvisningskvitto',
    ]);
    for (const expected of [
      'Sjukvårdsrådgivningen, Region Gotland',
      'DEMO – inte en verklig hänvisning',
      'KONTAKTORSAK',
      NOTE.kontaktorsak,
      'HÄNVISNING',
      'Akutmottagningen Visby lasarett (demo)',
      'Akutmottagning',
      'Sjukhusbacken 11, 621 84 Visby',
      'Telefon: 08-465 004 15',
      'Öppet i dag: dygnet runt',
      'BRÅDSKEGRAD',
      '3 – Skyndsamt: inom några timmar',
      'RÅD',
      NOTE.rad,
      'TID FÖR KONTAKTEN',
      '13 juni 2026 kl. 23:30',
      'ANSVARIG SJUKSKÖTERSKA',
      'Maja Ström, Distriktssköterska',
      'ring 1177',
      'ring 112',
    ]) {
      expect(text).toContain(expected);
    }
    // The assessment is the nurse's working note, not part of what the patient is handed.
    expect(text).not.toContain('blindtarmsinflammation');
    expect(text).not.toContain('inte signerad');
  });

  it('is made from the draft before signing, and says so', async () => {
    const { stack, caseId } = await documentedCase({ sign: false, choose: true });
    const pdf = await stack.call<ReceiptPdf>('referral.receiptPdf', { caseId });
    expect(pdfText(Buffer.from(pdf.base64, 'base64'))).toContain(
      'Maja Ström, Distriktssköterska (anteckningen är inte signerad än)',
    );
  });

  it('logs each receipt handed out in the case’s access log', async () => {
    const { stack, caseId } = await documentedCase({ sign: true, choose: true });
    await stack.call('referral.receiptPdf', { caseId });
    const { store } = await stack.stores.require();
    const actions = store.listAccessLog({ caseId }).map((entry) => entry.action);
    expect(actions).toContain('print-receipt');
  });

  it('refuses a receipt the note cannot fill yet, naming what is missing', async () => {
    const backend = new FakeReferralBackend();
    backend.catalog = await demoCatalogResponse('gotland');
    const stack = referralStack({ staff: nurseOf('gotland'), at: sweden(AT), backend });
    stacks.push(stack);
    await stack.signIn();
    const caseId = await triagedCase(stack, triageRecord(3, 'narakut'));
    const refused = await stack.fail('referral.receiptPdf', { caseId });
    expect(refused.code).toBe('receipt_incomplete');
    expect(refused.details).toEqual({ missing: ['kontaktorsak', 'rad', 'hanvisning'] });
  });
});

describe('the receipt by SMS', () => {
  it('sends hänvisning, brådskegrad, råd and the nurse through the backend, without the reason for contact', async () => {
    const { stack, caseId, backend } = await documentedCase({ sign: true, choose: true });
    const sent = await stack.call<SentSms>('referral.sendReceiptSms', { caseId, phone: '070-174 06 05' });
    expect(sent.to).toBe('+46 7••••••05');
    const sms = backend.sms.at(-1)!;
    expect(sms.to).toBe('+46701740605');
    expect(sms.text).toContain('Hänvisningskvitto, Region Gotland (DEMO)');
    expect(sms.text).toContain(
      'Hänvisning: Akutmottagningen Visby lasarett (demo), Sjukhusbacken 11, 621 84 Visby',
    );
    expect(sms.text).toContain('öppet i dag dygnet runt');
    expect(sms.text).toContain('Brådskegrad: 3 – Skyndsamt: inom några timmar.');
    expect(sms.text).toContain(`Råd: ${NOTE.rad}`);
    expect(sms.text).toContain('Maja Ström, Distriktssköterska, 13 juni 2026 kl. 23:30');
    expect(sms.text).not.toContain(NOTE.kontaktorsak);
    const { store } = await stack.stores.require();
    expect(store.listAccessLog({ caseId }).map((e) => e.action)).toContain('send-receipt');
  });

  it('refuses a number that is not a Swedish mobile, with the reason, and sends nothing', async () => {
    const { stack, caseId, backend } = await documentedCase({ sign: true, choose: true });
    const refused = await stack.fail('referral.sendReceiptSms', { caseId, phone: '08-123 456 78' });
    expect(refused.code).toBe('invalid_arguments');
    expect(refused.message).toMatch(/phone: .*starts with 07/);
    expect(backend.sms).toEqual([]);
  });

  it('reports an unreachable backend so the nurse can try again, and logs no send', async () => {
    const { stack, caseId, backend } = await documentedCase({ sign: true, choose: true });
    backend.offline = true;
    const refused = await stack.fail('referral.sendReceiptSms', { caseId, phone: '0701740605' });
    expect(refused.code).toBe('backend_unreachable');
    const { store } = await stack.stores.require();
    expect(store.listAccessLog({ caseId }).map((e) => e.action)).not.toContain('send-receipt');
  });

  it('shortens long advice so the message stays within six SMS parts', () => {
    const receipt = buildReceipt({
      record: {
        id: crypto.randomUUID(),
        regionId: 'gotland',
        referral: null,
        triage: triageRecord(4, 'vardcentral'),
      } as unknown as Case,
      notes: [
        {
          id: crypto.randomUUID(),
          caseId: crypto.randomUUID(),
          ...NOTE,
          rad: 'Drick mycket vatten. '.repeat(200),
          bradskegrad: 4,
          contactAt: sweden(AT).toISOString(),
          responsible: { hsaId: 'SE2321000016-GOTN1', name: 'Maja Ström', title: 'Sjuksköterska' },
          status: 'draft',
        },
      ],
      unit: null,
      now: sweden(AT),
      demo: true,
    });
    const text = receiptSmsText(receipt);
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(text).toContain('Råd: Drick mycket vatten.');
    expect(text).toMatch(/…\nMaja Ström/);
    expect(text).toContain(`Hänvisning: ${NOTE.hanvisning}`);
  });
});
