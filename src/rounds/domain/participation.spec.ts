import {
  ParticipantRecord,
  Unit,
  UnitParticipation,
  participationByUnit,
  rankUnits,
  validateUnits,
} from './participation';

const units: Unit[] = [
  { id: 'K1', parentId: null, name: 'Khối cơ quan', headcount: 0 },
  { id: 'VP', parentId: 'K1', name: 'Văn phòng HĐND và UBND', headcount: 10 },
  { id: 'KT', parentId: 'K1', name: 'Phòng Kinh tế', headcount: 5 },
  { id: 'K2', parentId: null, name: 'Khối dân cư', headcount: 0 },
  { id: 'TDP1', parentId: 'K2', name: 'Tổ dân phố 1', headcount: 200 },
  { id: 'TDP2', parentId: 'K2', name: 'Tổ dân phố 2', headcount: 0 },
];

const people = (unitId: string, scores: (number | null)[]): ParticipantRecord[] =>
  scores.map((score, i) => ({ participantId: `${unitId}-${String(i)}`, unitId, score }));

const participants = [
  ...people('VP', [10, 8, 9, 7, 6, null]),
  ...people('KT', [10, 10, 10, 10, 10]),
  ...people('TDP1', [5, 6, 7]),
];

const byUnit = (stats: UnitParticipation[]) => new Map(stats.map((s) => [s.unitId, s]));

describe('participationByUnit', () => {
  const stats = participationByUnit(units, participants);
  const get = (id: string) => byUnit(stats).get(id)!;

  it('counts the people of a unit who submitted, against its headcount', () => {
    expect(get('VP')).toMatchObject({ headcount: 10, participants: 5, rate: 0.5, averageScore: 8 });
    expect(get('KT')).toMatchObject({ headcount: 5, participants: 5, rate: 1, averageScore: 10 });
  });

  it('does not count a registered person who submitted nothing', () => {
    expect(get('VP').participants).toBe(5);
  });

  it('rolls the figures up to the parent unit', () => {
    expect(get('K1')).toMatchObject({ headcount: 15, participants: 10, averageScore: 9 });
    expect(get('K1').rate).toBeCloseTo(10 / 15, 12);
    expect(get('K2')).toMatchObject({
      headcount: 200,
      participants: 3,
      rate: 0.015,
      averageScore: 6,
    });
  });

  it('has no rate when the headcount is 0 and no average when nobody submitted', () => {
    expect(get('TDP2')).toMatchObject({
      headcount: 0,
      participants: 0,
      rate: null,
      averageScore: null,
    });
  });

  it('adds a parent’s own headcount and participants to its children’s', () => {
    const withOwn = units.map((u) => (u.id === 'K1' ? { ...u, headcount: 5 } : u));
    const own = [...participants, ...people('K1', [4])];
    expect(byUnit(participationByUnit(withOwn, own)).get('K1')).toMatchObject({
      headcount: 20,
      participants: 11,
    });
  });

  it('shows a rate above 100 % when the headcount is out of date', () => {
    const small = units.map((u) => (u.id === 'KT' ? { ...u, headcount: 4 } : u));
    expect(byUnit(participationByUnit(small, participants)).get('KT')!.rate).toBe(1.25);
  });

  it('lists the units in tree order with their depth', () => {
    expect(stats.map((s) => [s.unitId, s.depth])).toEqual([
      ['K1', 0],
      ['VP', 1],
      ['KT', 1],
      ['K2', 0],
      ['TDP1', 1],
      ['TDP2', 1],
    ]);
  });

  it('works through three levels', () => {
    const deep: Unit[] = [
      { id: 'a', parentId: null, name: 'A', headcount: 0 },
      { id: 'b', parentId: 'a', name: 'B', headcount: 0 },
      { id: 'c', parentId: 'b', name: 'C', headcount: 4 },
    ];
    const rows = participationByUnit(deep, people('c', [1, 2]));
    expect(rows.map((r) => [r.unitId, r.participants, r.rate])).toEqual([
      ['a', 2, 0.5],
      ['b', 2, 0.5],
      ['c', 2, 0.5],
    ]);
  });

  it('keeps the average exact to the hundredth', () => {
    const rows = participationByUnit(
      [{ id: 'u', parentId: null, name: 'U', headcount: 3 }],
      people('u', [0.1, 0.2, 0.3]),
    );
    expect(rows[0].averageScore).toBe(0.2);
  });

  it('refuses a person listed twice or in an unknown unit', () => {
    expect(() => participationByUnit(units, [...participants, participants[0]])).toThrow(
      /listed twice/,
    );
    expect(() => participationByUnit(units, people('nowhere', [1]))).toThrow(/unknown unit/);
  });

  it('refuses an invalid unit tree', () => {
    expect(() =>
      participationByUnit([{ id: 'x', parentId: 'x', name: 'X', headcount: 1 }], []),
    ).toThrow(/vòng lặp/);
  });
});

describe('validateUnits', () => {
  it('accepts a valid tree', () => {
    expect(validateUnits(units)).toEqual([]);
  });

  it('explains every problem in Vietnamese', () => {
    expect(
      validateUnits([
        { id: 'a', parentId: null, name: 'A', headcount: -1 },
        { id: 'a', parentId: null, name: 'A2', headcount: 1.5 },
        { id: 'b', parentId: 'missing', name: 'B', headcount: 1 },
        { id: 'c', parentId: 'd', name: 'C', headcount: 1 },
        { id: 'd', parentId: 'c', name: 'D', headcount: 1 },
      ]),
    ).toEqual([
      'Đơn vị "A": số người phải là số nguyên không âm.',
      'Đơn vị "A2": mã a bị trùng.',
      'Đơn vị "A2": số người phải là số nguyên không âm.',
      'Đơn vị "B": đơn vị cấp trên không tồn tại.',
      'Đơn vị "C": quan hệ cấp trên bị vòng lặp.',
      'Đơn vị "D": quan hệ cấp trên bị vòng lặp.',
    ]);
  });
});

describe('rankUnits', () => {
  const stat = (
    unitId: string,
    rate: number | null,
    averageScore: number | null,
    participants = 1,
  ): UnitParticipation => ({
    unitId,
    parentId: null,
    name: `Đơn vị ${unitId}`,
    depth: 0,
    headcount: 10,
    participants,
    rate,
    averageScore,
  });

  it('ranks by participation rate, then by average score', () => {
    const rows = rankUnits([stat('a', 0.5, 9), stat('b', 0.9, 5), stat('c', 0.5, 9.5)], {
      order: ['rate', 'averageScore'],
    });
    expect(rows.map((r) => [r.stats.unitId, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('shares a rank between units equal on every key (1, 2, 2, 4)', () => {
    const rows = rankUnits(
      [stat('d', 0.1, 1), stat('c', 0.5, 7), stat('b', 0.5, 7), stat('a', 1, 1)],
      {
        order: ['rate', 'averageScore'],
      },
    );
    expect(rows.map((r) => [r.stats.unitId, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('ranks units without a rate or an average last', () => {
    const rows = rankUnits([stat('none', null, null, 0), stat('low', 0.01, 1)], {
      order: ['rate', 'averageScore'],
    });
    expect(rows.map((r) => r.stats.unitId)).toEqual(['low', 'none']);
  });

  it('follows a configured order of keys', () => {
    const rows = rankUnits([stat('a', 0.9, 5, 9), stat('b', 0.2, 9, 40)], {
      order: ['averageScore', 'rate'],
    });
    expect(rows.map((r) => r.stats.unitId)).toEqual(['b', 'a']);
    expect(
      rankUnits([stat('a', 0.9, 5, 9), stat('b', 0.2, 9, 40)], { order: ['participants'] })[0].stats
        .unitId,
    ).toBe('b');
  });

  it('needs at least one key', () => {
    expect(() => rankUnits([], { order: [] })).toThrow(RangeError);
  });
});
