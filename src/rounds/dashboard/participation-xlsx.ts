/**
 * The participation-by-unit workbook organizers publish each week (pure: dashboard in, bytes
 * out). Sheet "Theo đơn vị": every unit in tree order with a subtotal per block and a grand
 * total; sheet "Xếp hạng tập thể": units in rank order; "Xếp hạng khối" when there are blocks.
 */
import ExcelJS from 'exceljs';
import { slugify } from '../../question-banks/formats/normalize';
import {
  UNIT_RANK_LABELS,
  type RoundDashboard,
  type UnitDashboardRow,
} from '../../shared/dashboard';

export const PARTICIPATION_HEADERS = [
  'STT',
  'Khối',
  'Đơn vị',
  'Số người',
  'Số người dự thi',
  'Tỷ lệ (%)',
  'Điểm trung bình',
  'Xếp hạng',
] as const;

const WIDTHS = [6, 28, 40, 12, 16, 12, 16, 10];
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05 ngày 27/11/2026" in Vietnam time (UTC+7, no daylight saving). */
export function vietnamTime(iso: string): string {
  const t = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  return `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())} ngày ${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${String(t.getUTCFullYear())}`;
}

type Cells = (string | number | null)[];

function cells(stt: number | null, block: string, unit: string, r: UnitDashboardRow): Cells {
  return [stt, block, unit, r.headcount, r.participants, r.rate, r.averageScore, r.rank];
}

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string[],
  rows: { values: Cells; bold?: boolean }[],
): void {
  const sheet = wb.addWorksheet(name);
  for (const line of title) sheet.addRow([line]);
  sheet.getRow(1).font = { bold: true, size: 13 };
  sheet.addRow([]);
  const header = sheet.addRow([...PARTICIPATION_HEADERS]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of rows) {
    const added = sheet.addRow(row.values);
    if (row.bold) added.font = { bold: true };
  }
  WIDTHS.forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  sheet.getColumn(6).numFmt = '0.0%';
  sheet.getColumn(7).numFmt = '0.00';
  sheet.views = [{ state: 'frozen', ySplit: header.number }];
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: PARTICIPATION_HEADERS.length },
  };
}

export async function participationWorkbook(
  dashboard: RoundDashboard,
  contestName: string,
): Promise<{ filename: string; asciiFilename: string; buffer: Buffer }> {
  const { units } = dashboard;
  const byId = new Map(units.rows.map((r) => [r.unitId, r]));
  const blockName = (r: UnitDashboardRow) =>
    r.parentId === null ? '' : (byId.get(r.parentId)?.name ?? '');
  const title = [
    `TỶ LỆ THAM GIA THEO ĐƠN VỊ — ${dashboard.roundName}`,
    contestName,
    `Số liệu lúc ${vietnamTime(dashboard.generatedAt)} (giờ Việt Nam). Tỷ lệ = số người dự thi ÷ số người của đơn vị; điểm trung bình theo bài được tính của mỗi người. Xếp hạng theo: ${units.rankBy.map((k) => UNIT_RANK_LABELS[k].toLowerCase()).join(', ')}.`,
  ];

  // Tree order: the units of a block, then the block's subtotal.
  const tree: { values: Cells; bold?: boolean }[] = [];
  let stt = 0;
  const roots = units.rows.filter((r) => r.parentId === null);
  for (const root of roots) {
    if (root.kind !== 'block') {
      tree.push({ values: cells(++stt, '', root.name, root) });
      continue;
    }
    for (const child of units.rows.filter((r) => r.parentId === root.unitId))
      tree.push({ values: cells(++stt, root.name, child.name, child) });
    tree.push({ values: cells(null, root.name, `Cộng ${root.name}`, root), bold: true });
  }
  const total = units.total;
  tree.push({
    values: [
      null,
      '',
      'Tổng cộng',
      total.headcount,
      total.participants,
      total.rate,
      total.averageScore,
      null,
    ],
    bold: true,
  });

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hội thi CCHC';
  wb.created = new Date(dashboard.generatedAt);
  addSheet(wb, 'Theo đơn vị', title, tree);
  addSheet(
    wb,
    'Xếp hạng tập thể',
    title,
    units.ranking.map((r, i) => ({ values: cells(i + 1, blockName(r), r.name, r) })),
  );
  if (units.blockRanking.length > 0) {
    addSheet(
      wb,
      'Xếp hạng khối',
      title,
      units.blockRanking.map((r, i) => ({ values: cells(i + 1, r.name, '', r) })),
    );
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    filename: `Tỷ lệ tham gia - ${dashboard.roundName}.xlsx`,
    // For clients that ignore filename*: "ty-le-tham-gia-tuan-1.xlsx".
    asciiFilename: `ty-le-tham-gia-${slugify(dashboard.roundName, 'vong-thi')}.xlsx`,
    buffer,
  };
}
