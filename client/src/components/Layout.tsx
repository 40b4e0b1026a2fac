import type { ComponentChildren } from 'preact';
import { FEATURES } from '../features';
import { SITE } from '../site';

function NavLink({
  href,
  current,
  children,
}: {
  href: string;
  current: string;
  children: ComponentChildren;
}) {
  const active =
    href === '/' ? current === '/' : current === href || current.startsWith(`${href}/`);
  return (
    <a href={href} class="site-nav__link" aria-current={active ? 'page' : undefined}>
      {children}
    </a>
  );
}

/** Header, main landmark and footer shared by every page. */
export function Layout({ path, children }: { path: string; children: ComponentChildren }) {
  // Until a participant feature ships, the header link to the home page is all there is.
  const links = FEATURES.flatMap(({ key, title, href }) => (href ? [{ key, title, href }] : []));
  return (
    <>
      <a class="skip-link" href="#noi-dung">
        Bỏ qua, đến nội dung chính
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          <a href="/" class="site-header__home">
            <img src="/favicon.svg" alt="" width="48" height="48" class="site-header__logo" />
            <span>
              <span class="site-header__org">{SITE.organizer}</span>
              <span class="site-header__title">{SITE.contestName}</span>
            </span>
          </a>
        </div>
      </header>
      {links.length > 0 && (
        <nav class="site-nav" aria-label="Điều hướng chính">
          <ul class="site-nav__list">
            <li>
              <NavLink href="/" current={path}>
                Trang chủ
              </NavLink>
            </li>
            {links.map((feature) => (
              <li key={feature.key}>
                <NavLink href={feature.href} current={path}>
                  {feature.title}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="noi-dung" tabIndex={-1} class="site-main">
        {children}
      </main>
      <footer class="site-footer">
        <div class="container site-footer__inner">
          <p>
            <strong>{SITE.contestName}</strong>
            <br />
            {SITE.organizer}
          </p>
          <p>
            Phần mềm nguồn mở Hội thi CCHC
            <br />
            <a href="/dang-nhap" class="site-footer__organizer">
              Dành cho ban tổ chức
            </a>
          </p>
        </div>
      </footer>
    </>
  );
}
