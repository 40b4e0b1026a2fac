import { usePageTitle } from '../lib/router';

/** The 404 text, also used inside the organizer area. */
export function NotFoundBody() {
  usePageTitle('Không tìm thấy trang');
  return (
    <>
      <h1>Không tìm thấy trang</h1>
      <p>
        Địa chỉ bạn vừa mở không tồn tại hoặc đã được chuyển đi. Vui lòng kiểm tra lại đường dẫn.
      </p>
      <p>
        <a href="/" class="button">
          Về trang chủ
        </a>
      </p>
    </>
  );
}

export function NotFound() {
  return (
    <div class="container page">
      <NotFoundBody />
    </div>
  );
}
