/** The example units file organizers download, fill in and import (pure: no Nest, no database). */
import ExcelJS from 'exceljs';
import { UNIT_KIND_LABELS, type UnitKind } from '../../shared/units';
import { UNIT_FIELDS, UNIT_HEADERS } from './units-file';

/** Also the example in docs/import-formats.md. */
export const TEMPLATE_EXAMPLE: readonly {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  headcount: number;
}[] = [
  { code: 'K-CQ', name: 'Khối cơ quan', kind: 'block', parent: null, headcount: 0 },
  { code: 'VP', name: 'Văn phòng HĐND và UBND', kind: 'unit', parent: 'K-CQ', headcount: 12 },
  { code: 'KT', name: 'Phòng Kinh tế', kind: 'unit', parent: 'K-CQ', headcount: 8 },
  { code: 'VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'unit', parent: 'K-CQ', headcount: 7 },
  { code: 'K-DC', name: 'Khối dân cư', kind: 'block', parent: null, headcount: 0 },
  { code: 'TDP1', name: 'Tổ dân phố 1', kind: 'residential_group', parent: 'K-DC', headcount: 350 },
  { code: 'TDP2', name: 'Tổ dân phố 2', kind: 'residential_group', parent: 'K-DC', headcount: 420 },
];

const HELP: readonly [string, string][] = [
  [
    UNIT_HEADERS.code,
    'Bắt buộc. Chữ cái không dấu, chữ số, dấu - _ . (ví dụ TDP1, K-CQ). Không trùng nhau.',
  ],
  [UNIT_HEADERS.name, 'Bắt buộc. Tên hiển thị khi người dự thi chọn đơn vị.'],
  [
    UNIT_HEADERS.kind,
    `${UNIT_KIND_LABELS.block}, ${UNIT_KIND_LABELS.unit} hoặc ${UNIT_KIND_LABELS.residential_group}. Bỏ trống: ${UNIT_KIND_LABELS.unit}.`,
  ],
  [
    UNIT_HEADERS.parent,
    'Mã của khối chứa đơn vị này; bỏ trống với khối, hoặc khi hội thi không chia khối. Chỉ khối mới có đơn vị trực thuộc.',
  ],
  [
    UNIT_HEADERS.headcount,
    'Số người thuộc chính đơn vị này (cán bộ của phòng, nhân khẩu của tổ dân phố…), dùng để tính tỷ lệ tham gia. Bắt buộc với đơn vị, tổ dân phố; khối để 0 (số người của khối được cộng từ các đơn vị).',
  ],
  [
    'Nhập lại',
    'Đơn vị có mã đã có trong hội thi được cập nhật, mã mới được thêm; đơn vị không có trong tệp được giữ nguyên. Tệp có bất kỳ dòng lỗi nào thì không dòng nào được nhập.',
  ],
];

export async function buildUnitsTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hội thi CCHC';
  const sheet = wb.addWorksheet('Đơn vị');
  sheet.columns = [
    { header: UNIT_HEADERS.code, key: 'code', width: 16 },
    { header: UNIT_HEADERS.name, key: 'name', width: 40 },
    { header: UNIT_HEADERS.kind, key: 'kind', width: 14 },
    { header: UNIT_HEADERS.parent, key: 'parent', width: 24 },
    { header: UNIT_HEADERS.headcount, key: 'headcount', width: 12 },
  ];
  for (const unit of TEMPLATE_EXAMPLE) {
    sheet.addRow({ ...unit, kind: UNIT_KIND_LABELS[unit.kind], parent: unit.parent ?? '' });
  }
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const kinds = Object.values(UNIT_KIND_LABELS).join(',');
  for (let row = 2; row <= 500; row += 1) {
    sheet.getCell(row, UNIT_FIELDS.indexOf('kind') + 1).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${kinds}"`],
    };
  }

  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Cột', key: 'column', width: 24 },
    { header: 'Cách điền', key: 'help', width: 100 },
  ];
  for (const [column, text] of HELP) help.addRow({ column, help: text });
  help.getRow(1).font = { bold: true };
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
