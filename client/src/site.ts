/** Names shown in the header, footer and page titles. Change them here for another ward. */
export const SITE = {
  contestName: 'Hội thi tìm hiểu về cải cách hành chính',
  shortName: 'Hội thi CCHC',
  organizer: 'Ủy ban nhân dân phường Điện Biên',
} as const;
