// The referral receipt (hänvisningskvitto) a patient can get: what it says, as a PDF (pdf-lib) and as an SMS text.
//
// Built from the case's newest signed note (or the draft, before signing) and the referral chosen in the
// case: kontaktorsak (reason for contact), råd (advice), hänvisning (the unit, its address, phone and
// today's hours), brådskegrad (urgency) with its Swedish label, the time of the contact and the
// responsible nurse's name and title. Always in Swedish: it is part of the patient's record.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { SMS_MAX_LENGTH } from '../../../core/backend-api/catalog';
import type { Case } from '../../../core/case/case';
import type { Note } from '../../../core/case/note';
import { CARE_TYPE_LABELS, REGION_NAMES, type CareUnit } from '../../../core/referral/catalog';
import { receiptMissing } from '../../../core/referral/receiptReadiness';
import { toStockholmWallClock } from '../../../core/referral/stockholmTime';
import { DISPOSITION_LADDER, type DispositionLevel } from '../../../core/triage/dispositionLadder';
import { BridgeFailure } from '../bridge/dispatcher';
import { todayHours } from './views';

export interface ReceiptReferral {
  unitName: string;
  careType: string | null;
  address: string | null;
  phone: string | null;
  todayHours: string | null;
  demo: boolean;
}

/** Everything the receipt shows, already in the words it shows them. */
export interface ReferralReceipt {
  regionName: string;
  /** Demo content: marked on the receipt so nobody mistakes it for a real referral. */
  demo: boolean;
  kontaktorsak: string;
  rad: string;
  /** The unit chosen in the case; null when the note's hänvisning text is all there is. */
  referral: ReceiptReferral | null;
  /** The note's own hänvisning text (e.g. "Egenvård, ring igen vid försämring"). */
  hanvisningText: string;
  bradskegrad: { level: DispositionLevel; label: string; timeFrame: string } | null;
  contactAt: string;
  issuedAt: string;
  nurse: { name: string; title: string };
  noteStatus: 'signed' | 'draft';
}

const MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "19 juni 2026 kl. 23:10", in Swedish time. */
export function swedishDateTime(iso: string): string {
  const w = toStockholmWallClock(new Date(iso));
  return `${w.day} ${MONTHS[w.month - 1]} ${w.year} kl. ${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** The note the receipt is made from: the newest signed one, else the draft. */
function receiptNote(notes: readonly Note[]): Note | null {
  const signed = notes
    .filter((note) => note.status === 'signed')
    .sort((a, b) => (a.signedAt ?? '').localeCompare(b.signedAt ?? ''))
    .at(-1);
  return signed ?? notes.find((note) => note.status === 'draft') ?? null;
}

export interface ReceiptInput {
  record: Case;
  notes: readonly Note[];
  /** The chosen unit as the catalog has it now; null when it is not in the catalog on this workstation. */
  unit: CareUnit | null;
  now: Date;
  demo: boolean;
}

/** Collects the receipt's content, or refuses with `receipt_incomplete` naming what is missing. */
export function buildReceipt(input: ReceiptInput): ReferralReceipt {
  const { record, notes, unit, now } = input;
  const note = receiptNote(notes);
  const missing = receiptMissing({
    note,
    triageLevel: record.triage?.disposition?.level ?? null,
    unitChosen: record.referral !== null,
  });
  const level = note?.bradskegrad ?? record.triage?.disposition?.level ?? null;
  if (!note || missing.length > 0) {
    throw new BridgeFailure(
      'receipt_incomplete',
      `The receipt needs ${missing.join(', ')} in the note${missing.includes('hanvisning') ? ' or a chosen unit' : ''}.`,
      { missing },
    );
  }

  let referral: ReceiptReferral | null = null;
  if (record.referral) {
    const chosen = record.referral;
    referral = unit
      ? {
          unitName: unit.name,
          careType: CARE_TYPE_LABELS[unit.careType].sv,
          address: `${unit.address.street}, ${unit.address.postcode} ${unit.address.locality}`,
          phone: unit.phone,
          todayHours: todayHours(unit.openingHours, now).sv,
          demo: unit.demo,
        }
      : {
          unitName: chosen.unitName,
          careType: CARE_TYPE_LABELS[chosen.careType].sv,
          address: null,
          phone: null,
          todayHours: null,
          demo: false,
        };
  }
  const step = level === null ? null : DISPOSITION_LADDER[level];
  return {
    regionName: (REGION_NAMES as Record<string, string>)[record.regionId] ?? record.regionId,
    demo: input.demo || (referral?.demo ?? false),
    kontaktorsak: note.kontaktorsak.trim(),
    rad: note.rad.trim(),
    referral,
    hanvisningText: note.hanvisning.trim(),
    bradskegrad: step ? { level: step.level, label: step.label.sv, timeFrame: step.timeFrameText.sv } : null,
    contactAt: note.contactAt,
    issuedAt: now.toISOString(),
    nurse: { name: note.responsible.name, title: note.responsible.title },
    noteStatus: note.status,
  };
}

function bradskegradText(receipt: ReferralReceipt): string {
  const b = receipt.bradskegrad;
  if (!b) return '';
  return b.level === 6 ? `${b.level} – ${b.label}` : `${b.level} – ${b.label}: ${b.timeFrame.toLowerCase()}`;
}

const SAFETY_NET = 'Blir det sämre eller har du frågor: ring 1177. Vid livshotande tillstånd: ring 112.';
const DEMO_NOTICE =
  'DEMO – inte en verklig hänvisning. Vårdenheterna är påhittade och innehållet är inte kliniskt granskat.';

/** The receipt as one SMS text (at most six parts). Kontaktorsak stays out: an SMS may be read on a locked screen. */
export function receiptSmsText(receipt: ReferralReceipt): string {
  const lines: string[] = [`Hänvisningskvitto, ${receipt.regionName}${receipt.demo ? ' (DEMO)' : ''}`];
  const r = receipt.referral;
  if (r) {
    const details = [
      r.address,
      r.phone ? `tel ${r.phone}` : null,
      r.todayHours ? `öppet i dag ${r.todayHours}` : null,
    ]
      .filter((part): part is string => part !== null)
      .join(', ');
    lines.push(`Hänvisning: ${r.unitName}${details ? `, ${details}` : ''}.`);
  } else if (receipt.hanvisningText !== '') {
    lines.push(`Hänvisning: ${receipt.hanvisningText}`);
  }
  if (receipt.bradskegrad) lines.push(`Brådskegrad: ${bradskegradText(receipt)}.`);
  const tail = [
    `${receipt.nurse.name}, ${receipt.nurse.title}, ${swedishDateTime(receipt.contactAt)}`,
    SAFETY_NET,
  ];
  const fixed = [...lines, ...tail].join('\n').length + '\nRåd: '.length;
  const room = SMS_MAX_LENGTH - fixed;
  const advice = receipt.rad.replace(/\s+/g, ' ');
  lines.push(
    `Råd: ${advice.length <= room ? advice : `${advice.slice(0, Math.max(0, room - 1)).trimEnd()}…`}`,
  );
  return [...lines, ...tail].join('\n');
}

// ---------------------------------------------------------------------------------------------
// PDF

const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const INK = rgb(0.08, 0.13, 0.18);
const MUTED = rgb(0.3, 0.36, 0.42);
const DEMO_RED = rgb(0.7, 0.1, 0.1);

/** Characters the standard fonts cannot draw are replaced, so a stray emoji never stops the receipt. */
function drawable(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  const replacements: Record<string, string> = { '≥': '>=', '≤': '<=', '→': '->', '\t': ' ' };
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (supported.has(char.codePointAt(0)!)) out += char;
    else out += replacements[char] ?? '?';
  }
  return out;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      // A single word wider than the line (a long URL) is cut where it must be.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

class PdfWriter {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly footer: string,
  ) {
    this.page = this.newPage();
    this.y = PAGE.height - PAGE.margin;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([PAGE.width, PAGE.height]);
    page.drawText(drawable(this.footer, this.regular), {
      x: PAGE.margin,
      y: PAGE.margin / 2,
      size: 8,
      font: this.regular,
      color: MUTED,
    });
    return page;
  }

  private ensure(height: number): void {
    if (this.y - height >= PAGE.margin) return;
    this.page = this.newPage();
    this.y = PAGE.height - PAGE.margin;
  }

  text(
    value: string,
    options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; gap?: number } = {},
  ) {
    const size = options.size ?? 11;
    const font = options.bold ? this.bold : this.regular;
    const lineHeight = size * 1.35;
    for (const line of wrap(drawable(value, font), font, size, PAGE.width - 2 * PAGE.margin)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: PAGE.margin, y: this.y, size, font, color: options.color ?? INK });
    }
    this.y -= options.gap ?? 0;
  }

  banner(value: string): void {
    const size = 10;
    const lines = wrap(drawable(value, this.bold), this.bold, size, PAGE.width - 2 * PAGE.margin - 16);
    const height = lines.length * size * 1.35 + 12;
    this.ensure(height);
    this.page.drawRectangle({
      x: PAGE.margin,
      y: this.y - height,
      width: PAGE.width - 2 * PAGE.margin,
      height,
      borderColor: DEMO_RED,
      borderWidth: 1.5,
    });
    let y = this.y - 6;
    for (const line of lines) {
      y -= size * 1.35;
      this.page.drawText(line, { x: PAGE.margin + 8, y: y + 2, size, font: this.bold, color: DEMO_RED });
    }
    this.y -= height + 14;
  }

  section(label: string, lines: readonly string[]): void {
    this.ensure(40);
    this.text(label.toUpperCase(), { size: 9, bold: true, color: MUTED, gap: 2 });
    lines.forEach((line, i) => this.text(line, { bold: i === 0 && lines.length > 1, gap: 0 }));
    this.y -= 12;
  }
}

/** The receipt as an A4 PDF. */
export async function receiptPdf(receipt: ReferralReceipt): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Hänvisningskvitto – ${receipt.regionName}`);
  doc.setSubject('Hänvisningskvitto från sjukvårdsrådgivningen');
  doc.setCreator('Firstline');
  doc.setProducer('Firstline');
  doc.setLanguage('sv-SE');
  doc.setCreationDate(new Date(receipt.issuedAt));
  doc.setModificationDate(new Date(receipt.issuedAt));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const footer = `Utfärdat ${swedishDateTime(receipt.issuedAt)} · ${receipt.regionName}${receipt.demo ? ' · DEMO' : ''}`;
  const pdf = new PdfWriter(doc, regular, bold, footer);

  pdf.text('Hänvisningskvitto', { size: 22, bold: true, gap: 2 });
  pdf.text(`Sjukvårdsrådgivningen, ${receipt.regionName}`, { size: 11, color: MUTED, gap: 14 });
  if (receipt.demo) pdf.banner(DEMO_NOTICE);

  pdf.section('Kontaktorsak', [receipt.kontaktorsak]);
  const r = receipt.referral;
  const hanvisning: string[] = [];
  if (r) {
    hanvisning.push(r.unitName);
    if (r.careType) hanvisning.push(r.careType);
    if (r.address) hanvisning.push(r.address);
    if (r.phone) hanvisning.push(`Telefon: ${r.phone}`);
    if (r.todayHours) hanvisning.push(`Öppet i dag: ${r.todayHours}`);
    // The note's own words, unless they only repeat the unit (the panel writes the unit into the note).
    if (receipt.hanvisningText !== '' && !receipt.hanvisningText.startsWith(r.unitName)) {
      hanvisning.push(receipt.hanvisningText);
    }
  } else {
    hanvisning.push(
      receipt.hanvisningText !== '' ? receipt.hanvisningText : 'Egenvård – ingen vårdenhet behövs nu.',
    );
  }
  pdf.section('Hänvisning', hanvisning);
  if (receipt.bradskegrad) pdf.section('Brådskegrad', [bradskegradText(receipt)]);
  pdf.section('Råd', [receipt.rad]);
  pdf.section('Tid för kontakten', [swedishDateTime(receipt.contactAt)]);
  pdf.section('Ansvarig sjuksköterska', [
    `${receipt.nurse.name}, ${receipt.nurse.title}${receipt.noteStatus === 'draft' ? ' (anteckningen är inte signerad än)' : ''}`,
  ]);
  pdf.text(SAFETY_NET, { size: 11, bold: true, gap: 0 });
  return doc.save();
}
