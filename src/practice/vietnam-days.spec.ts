import { vietnamDay, vietnamDayRange } from './vietnam-days';

describe('Vietnam days', () => {
  it('puts 17:00 UTC on the next day in Hanoi', () => {
    expect(vietnamDay(new Date('2026-11-26T16:59:59Z'))).toBe('2026-11-26');
    expect(vietnamDay(new Date('2026-11-26T17:00:00Z'))).toBe('2026-11-27');
  });

  it('turns a range of Vietnam days into UTC bounds, the last day included', () => {
    const { from, to } = vietnamDayRange('2026-11-01', '2026-11-02', new Date()) ?? {
      from: null,
      to: null,
    };
    expect(from?.toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(to?.toISOString()).toBe('2026-11-02T17:00:00.000Z');
  });

  it('defaults to the 30 days up to today', () => {
    const { from, to } = vietnamDayRange(
      undefined,
      undefined,
      new Date('2026-11-26T03:00:00Z'),
    ) ?? { from: null, to: null };
    expect(to?.toISOString()).toBe('2026-11-26T17:00:00.000Z');
    expect(from?.toISOString()).toBe('2026-10-27T17:00:00.000Z');
  });

  it('refuses a reversed, impossible or over-long range', () => {
    const now = new Date('2026-11-26T03:00:00Z');
    expect(vietnamDayRange('2026-11-10', '2026-11-01', now)).toBeNull();
    expect(vietnamDayRange('2026-02-30x', '2026-11-01', now)).toBeNull();
    expect(vietnamDayRange('2024-01-01', '2026-11-01', now)).toBeNull();
    expect(vietnamDayRange('2026-11-01', '2026-11-01', now)).not.toBeNull();
  });
});
