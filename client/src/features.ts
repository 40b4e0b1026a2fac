/**
 * What a participant can do, shown as cards on the home page (and as links in the header
 * when they have an `href`). A feature without `href` is not built yet: it is described
 * and marked "Sắp ra mắt", never linked. Add the `href` in the commit that ships the page.
 */
export interface Feature {
  key: string;
  title: string;
  description: string;
  href?: string;
}

export const FEATURES: readonly Feature[] = [
  {
    key: 'online-rounds',
    title: 'Vòng thi trực tuyến',
    description:
      'Mỗi vòng thi có giờ mở và giờ đóng. Bạn làm bài trắc nghiệm có giới hạn thời gian trên điện thoại hoặc máy tính; kết quả được xếp hạng sau khi vòng thi kết thúc.',
    href: '/hoi-thi',
  },
  {
    key: 'practice',
    title: 'Luyện tập',
    description:
      'Ôn tập miễn phí, không cần đăng ký: chọn chủ đề hoặc câu hỏi ngẫu nhiên, xem ngay đáp án đúng, lời giải thích và văn bản pháp luật liên quan.',
    href: '/luyen-tap',
  },
  {
    key: 'live-final',
    title: 'Chung kết trực tiếp',
    description:
      'Những thí sinh xuất sắc nhất thi trên sân khấu và trả lời bằng điện thoại; câu hỏi, đồng hồ đếm ngược và bảng xếp hạng hiện trên màn hình lớn.',
    href: '/choi',
  },
];
