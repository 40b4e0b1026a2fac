/**
 * Which format a file is in: by content first (zip + inner files, JSON, GIFT, Aiken, CSV),
 * by extension second. Never throws.
 */
import { decodeText } from './text-decode';
import type { BankFormat } from './types';

const EXTENSIONS: Readonly<Record<string, BankFormat>> = {
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xls: 'xlsx',
  csv: 'csv',
  tsv: 'csv',
  docx: 'docx',
  doc: 'docx',
  json: 'json',
  gift: 'gift',
  aiken: 'aiken',
};

export function extensionOf(filename: string): string {
  const match = /\.([a-z0-9]+)$/i.exec(filename.trim());
  return match ? match[1].toLowerCase() : '';
}

export function formatFromExtension(filename: string): BankFormat | null {
  return EXTENSIONS[extensionOf(filename)] ?? null;
}

export function isZip(buffer: Buffer): boolean {
  return (
    buffer.length >= 4 &&
    buffer[0] === 0x50 &&
    buffer[1] === 0x4b &&
    (buffer[2] === 3 || buffer[2] === 5 || buffer[2] === 7)
  );
}

/** Excel 97-2003 / Word 97-2003 (OLE compound file). */
export function isLegacyOffice(buffer: Buffer): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return buffer.length >= 8 && magic.every((byte, i) => buffer[i] === byte);
}

/** Names of zip entries are stored uncompressed in local and central headers. */
function zipKind(buffer: Buffer): 'xlsx' | 'docx' | null {
  const hasXl = buffer.includes('xl/workbook') || buffer.includes('xl/worksheets/');
  const hasWord = buffer.includes('word/document');
  if (hasXl && !hasWord) return 'xlsx';
  if (hasWord && !hasXl) return 'docx';
  return null;
}

function looksLikeJson(text: string): boolean {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return false;
  if (trimmed.includes('"hoi-thi-cchc/question-bank"')) return true;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

function looksLikeGift(text: string): boolean {
  if (/^\s*\$CATEGORY:/im.test(text)) return true;
  if (/^\s*::[^\n]*?::/m.test(text) && text.includes('{')) return true;
  // an answer block: {=…~…}, {~%50%…}, {T}, {FALSE}
  return /\{\s*(?:[=~][^}]*~|~\s*%-?\d|(?:T|F|TRUE|FALSE)\s*(?:#[^}]*)?\})/.test(text);
}

function looksLikeAiken(text: string): boolean {
  return /^\s*ANSWER\s*:\s*[A-Fa-f]/m.test(text) && /^\s*[A-F]\s*[.)]\s+\S/m.test(text);
}

/** Content first, extension second; a file with unknown content falls back to its extension, else csv. */
export function detectFormat(buffer: Buffer, filename: string): BankFormat {
  const byExtension = formatFromExtension(filename);
  try {
    if (isZip(buffer)) return zipKind(buffer) ?? (byExtension === 'docx' ? 'docx' : 'xlsx');
    if (isLegacyOffice(buffer)) return byExtension === 'docx' ? 'docx' : 'xlsx';
    if (buffer.length === 0) return byExtension ?? 'csv';
    const decoded = decodeText(
      buffer.length > 1024 * 1024 ? buffer.subarray(0, 1024 * 1024) : buffer,
    );
    if (!decoded.ok) return byExtension ?? 'csv';
    const text = decoded.text;
    if (looksLikeJson(text)) return 'json';
    if (looksLikeGift(text)) return 'gift';
    if (looksLikeAiken(text)) return 'aiken';
    if (byExtension === 'json' || byExtension === 'gift' || byExtension === 'aiken')
      return byExtension;
    return 'csv';
  } catch {
    return byExtension ?? 'csv';
  }
}
