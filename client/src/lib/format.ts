/** The contest's time zone: every time a person reads is shown in it. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "14:05 27/11/2025" in Vietnam time; "—" when there is no time. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  if (date) return dateTimeFormat.format(date);
  return iso ?? '—';
}

/** "27/11/2025" in Vietnam time; "—" when there is no date. */
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  if (date) return dateFormat.format(date);
  return iso ?? '—';
}

const numberFormat = new Intl.NumberFormat('vi-VN');

/** "25.980" */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** "26/11/2025" for a calendar day "2025-11-26" (no time zone involved); "—" when there is none. */
export function formatDay(day: string | null | undefined): string {
  const match = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  if (!match) return day ?? '—';
  return `${match[3] ?? ''}/${match[2] ?? ''}/${match[1] ?? ''}`;
}

/** "850 KB", "2,4 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(mb)} MB`;
}
