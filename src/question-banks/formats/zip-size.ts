/**
 * How many bytes a zip (xlsx, docx) unpacks to, read from its central directory without
 * unpacking anything: a 10 MB upload must not become gigabytes in memory (zip bomb, or a sheet
 * of a million rows).
 */

/** More than any real bank of 5000 questions (about 5 MB for 5000 rows; long texts allowed). */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

/** Total uncompressed size, Infinity for ZIP64 entries, null when the directory is unreadable. */
export function unzippedSize(buffer: Buffer): number | null {
  // The end record is in the last 22 + 65535 (comment) bytes.
  const from = Math.max(0, buffer.length - 22 - 0xffff);
  let end = -1;
  for (let i = buffer.length - 22; i >= from; i -= 1) {
    if (buffer.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      return null;
    const size = buffer.readUInt32LE(offset + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    offset +=
      46 +
      buffer.readUInt16LE(offset + 28) +
      buffer.readUInt16LE(offset + 30) +
      buffer.readUInt16LE(offset + 32);
  }
  return total;
}
