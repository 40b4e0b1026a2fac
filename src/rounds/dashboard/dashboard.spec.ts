import ExcelJS from 'exceljs';
import type { RoundDashboard } from '../../shared/dashboard';
import { DEFAULT_SCORING, type ScoringPolicy } from '../domain/scoring';
import {
  durationHistogram,
  parseUnitRank,
  roundMaxScore,
  scoreBucketSpec,
  scoreHistogram,
  scoreHistogramKind,
  unitDashboard,
  type DashboardUnit,
} from './dashboard';
import { PARTICIPATION_HEADERS, participationWorkbook, vietnamTime } from './participation-xlsx';

const byDifficulty = (partialCredit = false): ScoringPolicy => ({
  points: { kind: 'by_difficulty', points: { easy: 1, medium: 2, hard: 3 } },
  partialCredit,
});

describe('parseUnitRank', () => {
  it('defaults to the rate, then the average score', () => {
    expect(parseUnitRank(undefined)).toEqual(['rate', 'averageScore']);
    expect(parseUnitRank(' ')).toEqual(['rate', 'averageScore']);
  });

  it('takes the keys in the order given', () => {
    expect(parseUnitRank('averageScore, rate,participants')).toEqual([
      'averageScore',
      'rate',
      'participants',
    ]);
  });

  it('refuses unknown and repeated keys in Vietnamese', () => {
    expect(parseUnitRank('rate,score')).toEqual({
      error: expect.stringContaining('Tiêu chí xếp hạng không hợp lệ: score'),
    });
    expect(parseUnitRank('rate,rate')).toEqual({
      error: 'Mỗi tiêu chí xếp hạng chỉ được ghi một lần.',
    });
  });
});

describe('roundMaxScore and the histogram kind', () => {
  const blueprint = [
    { topicCode: 'a', count: 10 },
    { topicCode: 'b', count: 5 },
  ];

  it('is points × questions with equal points', () => {
    expect(roundMaxScore(DEFAULT_SCORING, blueprint, null)).toBe(15);
    expect(
      roundMaxScore({ points: { kind: 'equal', points: 0.5 }, partialCredit: false }, blueprint, 3),
    ).toBe(7.5);
  });

  it('adds points by difficulty when every cell fixes one, else uses what attempts saw', () => {
    const fixed = [
      { topicCode: 'a', difficulty: 'easy' as const, count: 4 },
      { topicCode: 'b', difficulty: 'hard' as const, count: 2 },
    ];
    expect(roundMaxScore(byDifficulty(), fixed, null)).toBe(10);
    expect(roundMaxScore(byDifficulty(), blueprint, 21)).toBe(21);
    expect(roundMaxScore(byDifficulty(), blueprint, null)).toBeNull();
  });

  it('has one bucket per point for whole scores up to 30, ranges otherwise', () => {
    expect(scoreHistogramKind(DEFAULT_SCORING, 15)).toBe('points');
    expect(scoreHistogramKind(DEFAULT_SCORING, 40)).toBe('ranges');
    expect(scoreHistogramKind(byDifficulty(true), 15)).toBe('ranges');
    expect(
      scoreHistogramKind({ points: { kind: 'equal', points: 0.5 }, partialCredit: false }, 10),
    ).toBe('ranges');
    expect(scoreHistogramKind(DEFAULT_SCORING, null)).toBe('ranges');
  });
});

describe('histograms', () => {
  it('gives the SQL width_bucket arguments', () => {
    expect(scoreBucketSpec('points', 15)).toEqual({ low: 0, high: 16, count: 16 });
    expect(scoreBucketSpec('ranges', 50)).toEqual({ low: 0, high: 50, count: 10 });
    expect(scoreBucketSpec('ranges', null)).toBeNull();
  });

  it('lists every score bucket, empty ones included', () => {
    const h = scoreHistogram(
      'points',
      3,
      new Map([
        [1, 2],
        [4, 5],
      ]),
    );
    expect(h).toEqual({
      kind: 'points',
      maxScore: 3,
      buckets: [
        { from: 0, to: 1, count: 2 },
        { from: 1, to: 2, count: 0 },
        { from: 2, to: 3, count: 0 },
        { from: 3, to: 4, count: 5 },
      ],
    });
    const ranges = scoreHistogram('ranges', 25, new Map([[10, 1]]));
    expect(ranges.buckets).toHaveLength(10);
    expect(ranges.buckets[0]).toEqual({ from: 0, to: 2.5, count: 0 });
    expect(ranges.buckets[9]).toEqual({ from: 22.5, to: 25, count: 1 });
    expect(scoreHistogram('ranges', null, new Map()).buckets).toEqual([]);
  });

  it('splits durations from 0 to the time limit in ten', () => {
    const h = durationHistogram(
      600,
      new Map([
        [1, 3],
        [10, 2],
      ]),
    );
    expect(h.buckets).toHaveLength(10);
    expect(h.buckets[0]).toEqual({ fromMs: 0, toMs: 60_000, count: 3 });
    expect(h.buckets[9]).toEqual({ fromMs: 540_000, toMs: 600_000, count: 2 });
  });
});

const UNITS: DashboardUnit[] = [
  { id: 'k1', parentId: null, code: 'K1', name: 'Khối cơ quan', kind: 'block', headcount: 0 },
  { id: 'vp', parentId: 'k1', code: 'VP', name: 'Văn phòng', kind: 'unit', headcount: 10 },
  { id: 'kt', parentId: 'k1', code: 'KT', name: 'Phòng Kinh tế', kind: 'unit', headcount: 4 },
  { id: 'k2', parentId: null, code: 'K2', name: 'Khối dân cư', kind: 'block', headcount: 0 },
  {
    id: 't1',
    parentId: 'k2',
    code: 'T1',
    name: 'Tổ dân phố 1',
    kind: 'residential_group',
    headcount: 100,
  },
  {
    id: 't2',
    parentId: 'k2',
    code: 'T2',
    name: 'Tổ dân phố 2',
    kind: 'residential_group',
    headcount: 0,
  },
];

describe('unitDashboard', () => {
  const scores = [
    { unitId: 'vp', score: 10, count: 3 },
    { unitId: 'vp', score: 7, count: 2 },
    { unitId: 'kt', score: 9, count: 2 },
    { unitId: 't1', score: 5, count: 50 },
    { unitId: null, score: 8, count: 4 },
  ];
  const result = unitDashboard(UNITS, scores, ['rate', 'averageScore']);
  const row = (id: string) => result.rows.find((r) => r.unitId === id);

  it('gives every unit in tree order, rolled up to the blocks', () => {
    expect(result.rows.map((r) => [r.code, r.depth])).toEqual([
      ['K1', 0],
      ['VP', 1],
      ['KT', 1],
      ['K2', 0],
      ['T1', 1],
      ['T2', 1],
    ]);
    expect(row('vp')).toMatchObject({
      headcount: 10,
      participants: 5,
      rate: 0.5,
      averageScore: 8.8,
    });
    expect(row('k1')).toMatchObject({ kind: 'block', headcount: 14, participants: 7 });
    expect(row('k1')?.averageScore).toBeCloseTo((30 + 14 + 18) / 7, 2);
    expect(row('t2')).toMatchObject({
      headcount: 0,
      participants: 0,
      rate: null,
      averageScore: null,
    });
  });

  it('ranks units among units and blocks among blocks', () => {
    expect(result.ranking.map((r) => [r.code, r.rank])).toEqual([
      ['KT', 1],
      ['VP', 2],
      ['T1', 3],
      ['T2', 4],
    ]);
    expect(result.blockRanking.map((r) => [r.code, r.rank])).toEqual([
      ['K1', 1],
      ['K2', 2],
    ]);
    expect(row('kt')?.rank).toBe(1);
  });

  it('ranks by the keys asked for', () => {
    const byScore = unitDashboard(UNITS, scores, ['averageScore']);
    expect(byScore.ranking.map((r) => r.code)).toEqual(['KT', 'VP', 'T1', 'T2']);
    const byPeople = unitDashboard(UNITS, scores, ['participants']);
    expect(byPeople.ranking.map((r) => r.code)).toEqual(['T1', 'VP', 'KT', 'T2']);
  });

  it('totals the top level and counts people without a unit apart', () => {
    expect(result.total).toEqual({
      headcount: 114,
      participants: 57,
      rate: 57 / 114,
      averageScore: Math.round(((30 + 14 + 18 + 250) / 57) * 100) / 100,
    });
    expect(result.withoutUnit).toBe(4);
  });

  it('is empty for a contest without units', () => {
    expect(unitDashboard([], [{ unitId: null, score: 3, count: 2 }], ['rate'])).toEqual({
      rows: [],
      ranking: [],
      blockRanking: [],
      total: { headcount: 0, participants: 0, rate: null, averageScore: null },
      withoutUnit: 2,
    });
  });
});

describe('participationWorkbook', () => {
  it('writes Vietnamese headers, the tree with block subtotals, percentages and the ranking', async () => {
    const units = unitDashboard(UNITS, [{ unitId: 'vp', score: 10, count: 5 }], ['rate']);
    const dashboard = {
      roundName: 'Tuần 1',
      generatedAt: '2026-11-27T07:05:00.000Z',
      units: { enabled: true, rankBy: ['rate'], ...units },
    } as unknown as RoundDashboard;
    const file = await participationWorkbook(dashboard, 'Hội thi CCHC 2026');
    expect(file.filename).toBe('Tỷ lệ tham gia - Tuần 1.xlsx');
    expect(file.asciiFilename).toBe('ty-le-tham-gia-tuan-1.xlsx');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Theo đơn vị',
      'Xếp hạng tập thể',
      'Xếp hạng khối',
    ]);
    const sheet = wb.worksheets[0];
    expect(sheet.getCell('A3').text).toContain('14:05 ngày 27/11/2026');
    const header = sheet.getRow(5);
    expect((header.values as unknown[]).slice(1)).toEqual([...PARTICIPATION_HEADERS]);
    expect(header.font?.bold).toBe(true);
    expect(sheet.getColumn(6).numFmt).toBe('0.0%');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(6)).toEqual([1, 'Khối cơ quan', 'Văn phòng', 10, 5, 0.5, 10, 1]);
    expect(values(8)).toEqual([
      undefined,
      'Khối cơ quan',
      'Cộng Khối cơ quan',
      14,
      5,
      5 / 14,
      10,
      1,
    ]);
    expect(sheet.getRow(8).font?.bold).toBe(true);
    expect(values(12)).toEqual([undefined, '', 'Tổng cộng', 114, 5, 5 / 114, 10]);
    const ranking = wb.worksheets[1];
    expect((ranking.getRow(6).values as unknown[]).slice(1, 4)).toEqual([
      1,
      'Khối cơ quan',
      'Văn phòng',
    ]);
  });

  it('writes times in Vietnam time', () => {
    expect(vietnamTime('2026-12-31T17:30:00Z')).toBe('00:30 ngày 01/01/2027');
  });
});
