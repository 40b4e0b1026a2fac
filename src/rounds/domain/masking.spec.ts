import {
  CCCD_INVALID,
  CCCD_REQUIRED,
  MASKED_UNKNOWN_PHONE,
  PHONE_INVALID,
  PHONE_REQUIRED,
  isValidCccd,
  maskPhone,
  normalizeCccd,
  normalizeVietnamesePhone,
} from './masking';

describe('normalizeVietnamesePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0312345678', '0312345678'],
    ['0512345678', '0512345678'],
    ['0712345678', '0712345678'],
    ['0812345678', '0812345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84 0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['(+84) 912345678', '0912345678'],
    [' 0912345678 ', '0912345678'],
  ])('accepts %p as %p', (input, canonical) => {
    expect(normalizeVietnamesePhone(input)).toEqual({ ok: true, value: canonical });
  });

  it.each([
    '091234567', // 9 digits
    '09123456789', // 11 digits
    '0212345678', // landline-like prefix
    '0412345678',
    '0612345678',
    '1912345678',
    '+85912345678',
    '+8491234567',
    '0912a45678',
    '+84+912345678',
    '00849123456',
  ])('refuses %p', (input) => {
    expect(normalizeVietnamesePhone(input)).toEqual({ ok: false, reason: PHONE_INVALID });
  });

  it('asks for a phone number when none is given', () => {
    expect(normalizeVietnamesePhone('  ')).toEqual({ ok: false, reason: PHONE_REQUIRED });
  });
});

describe('maskPhone', () => {
  it('shows the network prefix and the last three digits only', () => {
    expect(maskPhone('0912345678')).toBe('09xx xxx 678');
  });

  it('masks the +84 forms the same way', () => {
    expect(maskPhone('+84912345123')).toBe('09xx xxx 123');
    expect(maskPhone('84 383 456 789')).toBe('03xx xxx 789');
  });

  it('shows no digit of a number it cannot read', () => {
    expect(maskPhone('12345')).toBe(MASKED_UNKNOWN_PHONE);
    expect(maskPhone('')).toBe(MASKED_UNKNOWN_PHONE);
  });
});

describe('CCCD', () => {
  it('accepts 12 digits, with or without spaces', () => {
    expect(normalizeCccd('079123456789')).toEqual({ ok: true, value: '079123456789' });
    expect(normalizeCccd('0791 2345 6789')).toEqual({ ok: true, value: '079123456789' });
    expect(isValidCccd('001099012345')).toBe(true);
  });

  it.each(['07912345678', '0791234567890', '07912345678a', '０７９１２３４５６７８９'])(
    'refuses %p',
    (input) => {
      expect(normalizeCccd(input)).toEqual({ ok: false, reason: CCCD_INVALID });
      expect(isValidCccd(input)).toBe(false);
    },
  );

  it('asks for the number when none is given', () => {
    expect(normalizeCccd('')).toEqual({ ok: false, reason: CCCD_REQUIRED });
  });
});
