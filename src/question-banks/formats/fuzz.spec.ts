/** parseBankFile never throws: random bytes and damaged copies of every ok fixture. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { BANK_FORMATS } from './types';
import { parseBankFile, type ParseResult } from './index';

const OK = join(__dirname, '../../../test/fixtures/question-banks/ok');
const fixtures = readdirSync(OK).filter((name) => !name.endsWith('.expected.json'));
const zipped = fixtures.filter((name) => /\.(xlsx|docx)$/.test(name));
const NAMES = ['a.xlsx', 'a.docx', 'a.csv', 'a.json', 'a.gift', 'a.txt', 'a.xls', 'a'];

function isParseResult(result: ParseResult): boolean {
  return (
    BANK_FORMATS.includes(result.format) &&
    Array.isArray(result.questions) &&
    Array.isArray(result.topics) &&
    result.problems.every((p) => typeof p.message === 'string' && p.message.length > 0)
  );
}

/** Flips some bytes, cuts the end, or both. */
const damage = (length: number) =>
  fc.record({
    flips: fc.array(
      fc.tuple(fc.nat({ max: Math.max(length - 1, 0) }), fc.integer({ min: 1, max: 255 })),
      { minLength: 0, maxLength: 8 },
    ),
    keep: fc.option(fc.nat({ max: length }), { nil: undefined }),
  });

function apply(buffer: Buffer, change: { flips: [number, number][]; keep?: number }): Buffer {
  const copy = Buffer.from(buffer);
  for (const [at, xor] of change.flips) if (at < copy.length) copy[at] ^= xor;
  return change.keep === undefined ? copy : copy.subarray(0, change.keep);
}

describe('parseBankFile on bad input', () => {
  it('never throws on random bytes, whatever the file name', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(...NAMES),
        async (bytes, filename) => {
          const result = await parseBankFile({ buffer: Buffer.from(bytes), filename });
          expect(isParseResult(result)).toBe(true);
          if (bytes.length > 0)
            expect(result.problems.length + result.questions.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws on random text that looks a little like each format', async () => {
    const pieces = [
      'Câu 1:',
      'A.',
      'B)',
      'ANSWER:',
      '{',
      '}',
      '=',
      '~',
      '%50%',
      '::',
      '$CATEGORY:',
      '"',
      ';',
      ',',
      '\n',
      '\n\n',
      'Đáp án:',
      '{"meta":',
      '#',
      '\\',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 5 })), {
          maxLength: 60,
        }),
        fc.constantFrom(...NAMES),
        async (parts, filename) => {
          const result = await parseBankFile({ buffer: Buffer.from(parts.join('')), filename });
          expect(isParseResult(result)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each(fixtures)('never throws on damaged copies of %s', async (name) => {
    const original = readFileSync(join(OK, name));
    await fc.assert(
      fc.asyncProperty(damage(original.length), async (change) => {
        const result = await parseBankFile({ buffer: apply(original, change), filename: name });
        expect(isParseResult(result)).toBe(true);
      }),
      { numRuns: 12 },
    );
  });

  it.each(zipped)('never throws when an XML part inside %s is damaged', async (name) => {
    const zip = await JSZip.loadAsync(readFileSync(join(OK, name)));
    const parts = Object.keys(zip.files).filter(
      (path) => path.endsWith('.xml') || path.endsWith('.rels'),
    );
    const texts = new Map(
      await Promise.all(
        parts.map(async (path) => [path, await zip.file(path)?.async('string')] as const),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...parts),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('cut', 'junk', 'tag', 'drop'),
        async (path, at, how) => {
          const text = texts.get(path) ?? '';
          const i = Math.floor(text.length * at);
          const damaged = {
            cut: text.slice(0, i),
            junk: `${text.slice(0, i)}\u0000<<&${text.slice(i)}`,
            tag: `${text.slice(0, i)}<x:y a="${text.slice(i)}`,
            drop: '',
          }[how];
          const copy = await JSZip.loadAsync(readFileSync(join(OK, name)));
          if (how === 'drop') copy.remove(path);
          else copy.file(path, damaged);
          const buffer = await copy.generateAsync({ type: 'nodebuffer' });
          const result = await parseBankFile({ buffer, filename: name });
          expect(isParseResult(result)).toBe(true);
        },
      ),
      { numRuns: 15 },
    );
  });
});
