import JSZip from 'jszip';
import { parseBankFile } from './index';
import { MAX_UNZIPPED_BYTES, unzippedSize } from './zip-size';

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('unzippedSize', () => {
  it('adds up the uncompressed sizes from the central directory', async () => {
    const buffer = await zipOf({ 'xl/workbook.xml': 'x'.repeat(5000), 'a.txt': 'hello' });
    expect(unzippedSize(buffer)).toBe(5005);
  });

  it('gives null for a zip without a readable directory', async () => {
    const buffer = await zipOf({ 'xl/workbook.xml': 'x' });
    expect(unzippedSize(buffer.subarray(0, buffer.length - 30))).toBeNull();
    expect(unzippedSize(Buffer.alloc(10))).toBeNull();
  });

  it('refuses a workbook that would unpack to more than the limit, before unpacking it', async () => {
    const buffer = await zipOf({ 'xl/workbook.xml': '<workbook/>' });
    // claim 200 MB in the central directory entry (offset 24 of the entry)
    const entry = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buffer.writeUInt32LE(200 * 1024 * 1024, entry + 24);
    expect(unzippedSize(buffer)).toBeGreaterThan(MAX_UNZIPPED_BYTES);
    const result = await parseBankFile({ buffer, filename: 'bom.xlsx' });
    expect(result.problems.map((p) => p.message)).toEqual([
      'Tệp chứa hơn 100 MB dữ liệu sau khi giải nén (có thể là tệp hỏng hoặc quá nhiều dòng); hãy chia nhỏ tệp',
    ]);
  });
});
