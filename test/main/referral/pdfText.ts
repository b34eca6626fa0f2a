// Test helper: the text lines of a PDF written by pdf-lib with its standard fonts (each Tj operator is one line).
//
// pdf-lib compresses page contents with Flate and writes text as WinAnsi hex strings ("<48C46E...> Tj"),
// so the bytes are inflated and the hex decoded; enough to check what a receipt says.
import { inflateSync } from 'node:zlib';

// WinAnsi (windows-1252) differs from Latin-1 in 0x80–0x9F; Node's decoder treats those as Latin-1 controls.
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function decodeWinAnsi(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) out += WIN_ANSI_HIGH[byte] ?? String.fromCharCode(byte);
  return out;
}

export function pdfTextLines(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const latin1 = buffer.toString('latin1');
  const lines: string[] = [];
  const streamStart = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streamStart.exec(latin1)) !== null) {
    const start = match.index + match[0].length;
    const end = latin1.indexOf('endstream', start);
    if (end < 0) break;
    const raw = buffer.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      content = raw.toString('latin1');
    }
    for (const text of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      lines.push(decodeWinAnsi(Buffer.from(text[1]!, 'hex')));
    }
    streamStart.lastIndex = end;
  }
  return lines;
}

/** All text of the PDF as one string (lines joined with spaces), for `toContain` checks across wrapped lines. */
export function pdfText(bytes: Uint8Array): string {
  return pdfTextLines(bytes).join(' ');
}
