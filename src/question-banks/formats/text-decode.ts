/** Turning the bytes of a text file (csv, aiken, gift, json) into a string. */
import { msg } from './messages';

export type Decoded =
  | {
      ok: true;
      text: string;
      encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';
      notices: string[];
    }
  | { ok: false };

function looksBinary(text: string): boolean {
  let control = 0;
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  for (let i = 0; i < sample.length; i += 1) {
    const code = sample.charCodeAt(i);
    if (code === 0) return true;
    if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13 && code !== 12) || code === 0xfffd)
      control += 1;
  }
  return control > Math.max(2, sample.length * 0.01);
}

/** Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1258; null for binary. */
export function decodeText(buffer: Buffer): Decoded {
  let text: string;
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' = 'utf-8';
  const notices: string[] = [];
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(buffer.subarray(2));
    encoding = 'utf-16le';
  } else if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(buffer.subarray(2));
    encoding = 'utf-16be';
  } else {
    const start =
      buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(start));
    } catch {
      if (looksBinary(buffer.toString('latin1'))) return { ok: false };
      text = new TextDecoder('windows-1258').decode(buffer);
      encoding = 'windows-1258';
      notices.push(msg.notUtf8());
    }
  }
  if (looksBinary(text)) return { ok: false };
  return { ok: true, text: text.normalize('NFC'), encoding, notices };
}
