import { FEATURES, type Feature } from '../features';
import { usePageTitle } from '../lib/router';
import { SITE } from '../site';

function FeatureCard({ feature }: { feature: Feature }) {
  const headingId = `tinh-nang-${feature.key}`;
  return (
    <li class="card feature">
      <h3 id={headingId} class="feature__title">
        {feature.href ? <a href={feature.href}>{feature.title}</a> : feature.title}
      </h3>
      <p>{feature.description}</p>
      {feature.href ? (
        <a href={feature.href} class="button feature__action" aria-describedby={headingId}>
          Tham gia
        </a>
      ) : (
        <p class="badge">Sắp ra mắt</p>
      )}
    </li>
  );
}

export function Home() {
  usePageTitle(SITE.contestName);
  return (
    <>
      <section class="hero" aria-labelledby="tieu-de">
        <div class="container">
          <h1 id="tieu-de">{SITE.contestName}</h1>
          <p class="hero__lead">
            Tìm hiểu cải cách hành chính để làm thủ tục nhanh hơn, đúng hơn và biết rõ quyền của
            mình. Dành cho cán bộ, công chức, viên chức và mọi người dân; thi trên điện thoại hoặc
            máy tính, hoàn toàn miễn phí.
          </p>
        </div>
      </section>

      <div class="container page">
        <section aria-labelledby="tham-gia">
          <h2 id="tham-gia">Tham gia hội thi</h2>
          <ul class="features" role="list">
            {FEATURES.map((feature) => (
              <FeatureCard key={feature.key} feature={feature} />
            ))}
          </ul>
        </section>

        <div class="columns">
          <section aria-labelledby="cchc-la-gi">
            <h2 id="cchc-la-gi">Cải cách hành chính là gì?</h2>
            <p>
              Cải cách hành chính (CCHC) là việc Nhà nước đổi mới cách quản lý và phục vụ: thủ tục
              đơn giản, ít giấy tờ, nộp hồ sơ được qua mạng, công khai và đúng hẹn; bộ máy gọn nhẹ;
              cán bộ, công chức tận tụy và có trách nhiệm. Chương trình tổng thể cải cách hành chính
              nhà nước giai đoạn 2021–2030 (Nghị quyết số 76/NQ-CP của Chính phủ) gồm sáu nội dung:
            </p>
            <ol class="topics">
              <li>Cải cách thể chế.</li>
              <li>Cải cách thủ tục hành chính.</li>
              <li>Cải cách tổ chức bộ máy hành chính nhà nước.</li>
              <li>Cải cách chế độ công vụ.</li>
              <li>Cải cách tài chính công.</li>
              <li>Xây dựng và phát triển Chính phủ điện tử, Chính phủ số.</li>
            </ol>
            <p>
              Câu hỏi của hội thi xoay quanh sáu nội dung này. Mỗi câu đều có lời giải thích và
              trích dẫn văn bản pháp luật đang có hiệu lực.
            </p>
          </section>

          <section aria-labelledby="ai-duoc-tham-gia">
            <h2 id="ai-duoc-tham-gia">Ai được tham gia?</h2>
            <ul>
              <li>
                Cán bộ, công chức, viên chức và người lao động đang làm việc tại các cơ quan, đơn vị
                trên địa bàn phường.
              </li>
              <li>
                Người dân, học sinh, sinh viên, hộ kinh doanh và doanh nghiệp trên địa bàn phường.
              </li>
              <li>Phần luyện tập mở cho tất cả mọi người, không cần đăng ký.</li>
            </ul>
            <p>
              Mỗi người dự thi bằng thông tin thật của chính mình; không thi hộ, không nhờ người
              khác thi thay. Thể lệ chi tiết của từng đợt thi do Ban Tổ chức công bố.
            </p>
          </section>
        </div>

        <section aria-labelledby="cach-thi" class="readable">
          <h2 id="cach-thi">Hội thi diễn ra như thế nào?</h2>
          <ol class="steps">
            <li>
              <strong>Vòng thi trực tuyến.</strong> Hội thi có nhiều vòng, thường mỗi tuần một vòng,
              với giờ mở và giờ đóng cụ thể. Mỗi lượt thi gồm các câu hỏi trắc nghiệm được chọn ngẫu
              nhiên theo chủ đề và có giới hạn thời gian. Hết giờ, hệ thống tự khóa bài thi.
            </li>
            <li>
              <strong>Câu hỏi dự đoán.</strong> Cuối bài thi, bạn dự đoán có bao nhiêu người trả lời
              đúng tất cả các câu hỏi của vòng thi. Câu này dùng để phân định thứ hạng khi bằng
              điểm.
            </li>
            <li>
              <strong>Chung kết trực tiếp.</strong> Những người có kết quả tốt nhất vào vòng chung
              kết, thi trực tiếp trên sân khấu và trả lời bằng điện thoại.
            </li>
            <li>
              <strong>Luyện tập.</strong> Bất kỳ ai cũng có thể luyện tập không giới hạn và xem ngay
              đáp án, lời giải thích cùng văn bản pháp luật sau mỗi câu.
            </li>
          </ol>
          <h3>Cách xếp hạng</h3>
          <p>
            Người nhiều điểm hơn xếp trên. Nếu bằng điểm, người dự đoán gần đúng hơn xếp trên; tiếp
            theo là người làm bài nhanh hơn, rồi đến người nộp bài sớm hơn. Mỗi người chỉ nhận một
            giải trong một vòng thi.
          </p>
        </section>
      </div>
    </>
  );
}
