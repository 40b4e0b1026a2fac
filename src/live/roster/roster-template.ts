/** The example contestant list hosts download, fill in and import (pure: no Nest, no database). */
import ExcelJS from 'exceljs';
import { ROSTER_HEADERS } from '../../shared/live/roster';
import type { LiveRosterEntry } from '../domain/live-room.types';
import { MAX_NAME_LENGTH, MAX_NUMBER_LENGTH, MAX_TEAM_LENGTH } from '../domain/player-text';
import { MAX_ROSTER_SIZE } from '../domain/roster';

/** Also the example in docs/import-formats.md. */
export const ROSTER_TEMPLATE_EXAMPLE: readonly LiveRosterEntry[] = [
  { number: 'TS001', name: 'Nguyễn Văn An', team: 'Văn phòng HĐND và UBND' },
  { number: 'TS002', name: 'Trần Thị Bình', team: 'Tổ dân phố 1' },
];

const HELP: readonly [string, string][] = [
  [
    ROSTER_HEADERS.number,
    `Bắt buộc, tối đa ${MAX_NUMBER_LENGTH} ký tự, không trùng nhau (không phân biệt chữ hoa, chữ thường). Thí sinh nhập số này trên điện thoại để vào phòng thi. Số có số 0 ở đầu (001) nên để ô dạng chữ (Text).`,
  ],
  [
    ROSTER_HEADERS.name,
    `Bắt buộc, tối đa ${MAX_NAME_LENGTH} ký tự. Tên hiện trên màn hình lớn và bảng xếp hạng.`,
  ],
  [
    ROSTER_HEADERS.team,
    `Không bắt buộc, tối đa ${MAX_TEAM_LENGTH} ký tự. Dùng để tính điểm theo đơn vị.`,
  ],
  [
    'Lưu ý',
    `Tối đa ${MAX_ROSTER_SIZE} thí sinh. Các cột STT, Ghi chú và các cột khác được bỏ qua. Tệp có bất kỳ dòng lỗi nào thì phải sửa rồi tải lên lại.`,
  ],
];

export async function buildRosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hội thi CCHC';
  const sheet = wb.addWorksheet('Thí sinh');
  sheet.columns = [
    { header: ROSTER_HEADERS.number, key: 'number', width: 16, style: { numFmt: '@' } },
    { header: ROSTER_HEADERS.name, key: 'name', width: 32 },
    { header: ROSTER_HEADERS.team, key: 'team', width: 40 },
  ];
  for (const entry of ROSTER_TEMPLATE_EXAMPLE) sheet.addRow({ ...entry, team: entry.team ?? '' });
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Cột', key: 'column', width: 20 },
    { header: 'Cách điền', key: 'help', width: 100 },
  ];
  for (const [column, text] of HELP) help.addRow({ column, help: text });
  help.getRow(1).font = { bold: true };
  help.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
