import type { UnitKind } from '../../shared/units';
import type { UnitFileRow } from './units-file';
import { planUnitImport, type ExistingUnit } from './units-plan';

let line = 1;
function row(
  code: string,
  kind: UnitKind,
  parentCode: string | null = null,
  extra: Partial<UnitFileRow> = {},
): UnitFileRow {
  line += 1;
  return {
    sheet: 'Đơn vị',
    row: line,
    code,
    name: `Tên ${code}`,
    kind,
    parentCode,
    headcount: 10,
    columns: { code: 'Mã', name: 'Tên', kind: 'Loại', parent: 'Thuộc', headcount: 'Số người' },
    ...extra,
  };
}

function existing(
  id: string,
  kind: UnitKind,
  parentId: string | null = null,
  participants = 0,
): ExistingUnit {
  return {
    id,
    code: id.toUpperCase(),
    name: `Tên ${id.toUpperCase()}`,
    kind,
    parentId,
    headcount: 10,
    sortOrder: 5,
    participants,
  };
}

beforeEach(() => {
  line = 1;
});

describe('planUnitImport', () => {
  it('creates every unit of a file for a contest without units, in file order', () => {
    const plan = planUnitImport(
      [],
      [row('K1', 'block'), row('A', 'unit', 'K1'), row('B', 'residential_group')],
    );
    expect(plan.problems).toEqual([]);
    expect(plan.kept).toBe(0);
    expect(plan.units.map((u) => [u.code, u.action, u.sortOrder, u.existingId])).toEqual([
      ['K1', 'create', 0, null],
      ['A', 'create', 1, null],
      ['B', 'create', 2, null],
    ]);
  });

  it('updates a unit whose code exists, leaves an identical one unchanged and keeps the others', () => {
    const current = [
      existing('k1', 'block'),
      existing('a', 'unit', 'k1'),
      existing('z', 'unit', 'k1'),
    ];
    const plan = planUnitImport(current, [
      row('K1', 'block', null, { name: 'Tên K1', headcount: 10 }),
      row('A', 'unit', 'K1', { headcount: 25 }),
      row('B', 'unit', 'K1'),
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.units.map((u) => [u.code, u.action, u.existingId])).toEqual([
      ['K1', 'unchanged', 'k1'],
      ['A', 'update', 'a'],
      ['B', 'create', null],
    ]);
    expect(plan.kept).toBe(1);
  });

  it('keeps the order of a contest when the file lists only some units, new ones last', () => {
    const current = [
      { ...existing('k1', 'block'), sortOrder: 0 },
      { ...existing('a', 'unit'), sortOrder: 7 },
    ];
    const partial = planUnitImport(current, [row('B', 'unit'), row('A', 'unit'), row('C', 'unit')]);
    expect(partial.units.map((u) => [u.code, u.sortOrder])).toEqual([
      ['B', 8],
      ['A', 7],
      ['C', 9],
    ]);
    const full = planUnitImport(current, [row('A', 'unit'), row('K1', 'block')]);
    expect(full.units.map((u) => [u.code, u.sortOrder])).toEqual([
      ['A', 0],
      ['K1', 1],
    ]);
  });

  it('accepts a parent that is a block of the contest but not in the file', () => {
    const plan = planUnitImport([existing('k1', 'block')], [row('A', 'unit', 'K1')]);
    expect(plan.problems).toEqual([]);
  });

  it('counts a move to another block as an update', () => {
    const current = [existing('k1', 'block'), existing('k2', 'block'), existing('a', 'unit', 'k1')];
    const plan = planUnitImport(current, [row('A', 'unit', 'K2', { name: 'Tên A' })]);
    expect(plan.units[0].action).toBe('update');
  });

  it('reports a duplicate code on its second row', () => {
    const plan = planUnitImport([], [row('A', 'unit'), row('A', 'unit')]);
    expect(plan.problems).toEqual([
      {
        sheet: 'Đơn vị',
        row: 3,
        column: 'Mã',
        message: 'Mã "A" đã có ở dòng 2: mỗi đơn vị một mã.',
      },
    ]);
    expect(plan.units).toHaveLength(1);
  });

  it('names the other sheet of a duplicate code', () => {
    const plan = planUnitImport([], [row('A', 'unit'), row('A', 'unit', null, { sheet: 'Khác' })]);
    expect(plan.problems[0].message).toBe(
      'Mã "A" đã có ở dòng 2 trang tính "Đơn vị": mỗi đơn vị một mã.',
    );
  });

  it('reports a parent that exists nowhere, unless its row was rejected by the reader', () => {
    expect(planUnitImport([], [row('A', 'unit', 'KX')]).problems).toEqual([
      {
        sheet: 'Đơn vị',
        row: 2,
        column: 'Thuộc',
        message: 'Không tìm thấy đơn vị cha có mã "KX" (trong tệp hoặc trong hội thi).',
      },
    ]);
    expect(
      planUnitImport([], [row('A', 'unit', 'KX')], { rejectedCodes: new Set(['KX']) }).problems,
    ).toEqual([]);
  });

  it('reports a parent that is not a block, in the file or in the contest', () => {
    const inFile = planUnitImport([], [row('A', 'unit'), row('B', 'unit', 'A')]);
    expect(inFile.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'Thuộc',
        message: 'Đơn vị cha "A" là Đơn vị, không phải Khối: chỉ khối mới có đơn vị trực thuộc.',
      }),
    ]);
    const inContest = planUnitImport([existing('t', 'residential_group')], [row('B', 'unit', 'T')]);
    expect(inContest.problems[0].message).toContain('là Tổ dân phố, không phải Khối');
  });

  it('follows the file when it turns a block of the contest into a unit', () => {
    const plan = planUnitImport(
      [existing('k1', 'block')],
      [row('K1', 'unit'), row('A', 'unit', 'K1')],
    );
    expect(plan.problems.map((p) => p.row)).toEqual([3]);
  });

  it('refuses to turn a block into a unit while units the file does not list are under it', () => {
    const current = [
      existing('k1', 'block'),
      existing('a', 'unit', 'k1'),
      existing('b', 'unit', 'k1'),
    ];
    const plan = planUnitImport(current, [row('K1', 'unit')]);
    expect(plan.problems).toEqual([
      {
        sheet: 'Đơn vị',
        row: 2,
        column: 'Loại',
        message: '"K1" đang có đơn vị trực thuộc không có trong tệp (A, B) nên phải là Khối.',
      },
    ]);
  });

  it('allows it when the file moves those units too', () => {
    const current = [existing('k1', 'block'), existing('k2', 'block'), existing('a', 'unit', 'k1')];
    const plan = planUnitImport(current, [row('K1', 'unit'), row('A', 'unit', 'K2')]);
    expect(plan.problems).toEqual([]);
  });

  it('refuses to turn a unit with participants into a block', () => {
    const plan = planUnitImport([existing('a', 'unit', null, 3)], [row('A', 'block')]);
    expect(plan.problems).toEqual([
      expect.objectContaining({
        column: 'Loại',
        message: 'Đã có 3 người dự thi đăng ký vào "Tên A" nên không thể đổi thành Khối.',
      }),
    ]);
    expect(planUnitImport([existing('a', 'unit')], [row('A', 'block')]).problems).toEqual([]);
  });

  it('reports every problem of the file at once', () => {
    const plan = planUnitImport(
      [existing('a', 'unit', null, 1)],
      [row('A', 'block'), row('B', 'unit', 'KX'), row('B', 'unit'), row('C', 'unit', 'B')],
    );
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'Mã'],
      [2, 'Loại'],
      [3, 'Thuộc'],
      [5, 'Thuộc'],
    ]);
  });
});
