import {
  cleanText,
  foldVietnamese,
  normalizeLabel,
  normalizeVietnamese,
  sentenceCaseIfShouting,
  slugify,
} from './normalize';

describe('normalizeVietnamese', () => {
  it.each([
    ['Đáp Án  Đúng', 'dap an dung'],
    ['  Cải cách   hành chính\n', 'cai cach hanh chinh'],
    ['ĐỐI TƯỢNG', 'doi tuong'],
    ['Nguyễn Thị Ánh Tuyết', 'nguyen thi anh tuyet'],
    ['Quản lý nhà nước', 'quan ly nha nuoc'],
    ['', ''],
  ])('turns %j into %j', (input, expected) => {
    expect(normalizeVietnamese(input)).toBe(expected);
  });

  it('treats decomposed (NFD) and precomposed text alike', () => {
    expect(normalizeVietnamese('Thủ tục'.normalize('NFD'))).toBe(normalizeVietnamese('Thủ tục'));
  });

  it('keeps punctuation; normalizeLabel turns it into spaces', () => {
    expect(normalizeVietnamese('Cán bộ, công chức')).toBe('can bo, cong chuc');
    expect(normalizeLabel('Cán bộ, công chức/viên chức (*)')).toBe('can bo cong chuc vien chuc');
  });
});

describe('foldVietnamese', () => {
  it('keeps the length so that match positions are valid in the original text', () => {
    const text = 'Câu 12 (Chủ đề Thể chế): Điều gì?';
    const folded = foldVietnamese(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe('cau 12 (chu de the che): dieu gi?');
  });
});

describe('cleanText', () => {
  it('normalizes line ends, non-breaking and zero-width spaces, and trims', () => {
    expect(cleanText('\u200b A\u00a0b \r\nc\t\r\n')).toBe('A b\nc');
  });
});

describe('slugify and sentenceCaseIfShouting', () => {
  it('makes a topic code from a Vietnamese name', () => {
    expect(slugify('Cải cách thể chế')).toBe('cai-cach-the-che');
    expect(slugify('Xây dựng Chính phủ điện tử, Chính phủ số')).toBe(
      'xay-dung-chinh-phu-dien-tu-chinh-phu-so',
    );
    expect(slugify('!!!')).toBe('chung');
  });

  it('lowers a heading typed in capitals, leaves normal text alone', () => {
    expect(sentenceCaseIfShouting('CẢI CÁCH THỂ CHẾ')).toBe('Cải cách thể chế');
    expect(sentenceCaseIfShouting('Cải cách Thể chế')).toBe('Cải cách Thể chế');
  });
});
