import { useState } from 'preact/hooks';
import { lazy } from '../components/Lazy';
import { RequireSession } from '../components/RequireSession';
import { errorMessage } from '../lib/api';
import { setFlash } from '../lib/flash';
import { navigate, usePageTitle } from '../lib/router';
import { logout } from '../lib/session';
import { NotFoundBody } from '../pages/NotFound';
import type { Account, Role } from '../types';
import { Accounts } from './Accounts';
import { AuditLog } from './AuditLog';
import { Dashboard } from './Dashboard';
import { ROLE_LABELS, roleLabel } from './labels';

// The question-bank pages are the largest part of the organizer area: their own chunk.
const Banks = lazy(() => import('./banks/Banks'));
const PracticeStats = lazy(() => import('./practice/PracticeStats'));
// Contests, rounds, participants, ranking and prizes: their own chunk too.
const Contests = lazy(() => import('./contests/Contests'));
const Units = lazy(() => import('./units/Units'));
const RoundDashboard = lazy(() => import('./dashboard/RoundDashboard'));
// The live final's host console (socket.io loads with it).
const LiveHost = lazy(() => import('../live/HostConsole'));

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Pages of the contest section with their own chunk: units of a contest, a round's dashboard. */
const UNITS_ROUTE = new RegExp(`^/quan-tri/hoi-thi/(${UUID})/don-vi$`);
const DASHBOARD_ROUTE = new RegExp(`^/quan-tri/vong-thi/(${UUID})/tong-quan$`);

interface Section {
  href: string;
  label: string;
  roles?: readonly Role[];
  /** Other paths that belong to this section (its sub-pages). */
  prefixes?: readonly string[];
}

const SECTIONS: readonly Section[] = [
  { href: '/quan-tri', label: 'Trang tổng quan' },
  {
    href: '/quan-tri/ngan-hang',
    label: 'Ngân hàng câu hỏi',
    roles: ['admin', 'organizer'],
    prefixes: ['/quan-tri/ngan-hang/', '/quan-tri/cau-hoi/'],
  },
  {
    href: '/quan-tri/hoi-thi',
    label: 'Hội thi',
    roles: ['admin', 'organizer'],
    prefixes: ['/quan-tri/hoi-thi/', '/quan-tri/vong-thi/'],
  },
  {
    href: '/quan-tri/chung-ket',
    label: 'Chung kết trực tiếp',
    roles: ['admin', 'organizer', 'host'],
    prefixes: ['/quan-tri/chung-ket/'],
  },
  { href: '/quan-tri/luyen-tap', label: 'Thống kê luyện tập', roles: ['admin', 'organizer'] },
  { href: '/quan-tri/tai-khoan', label: 'Tài khoản', roles: ['admin'] },
  { href: '/quan-tri/nhat-ky', label: 'Nhật ký hoạt động', roles: ['admin'] },
  { href: '/doi-mat-khau', label: 'Đổi mật khẩu' },
];

function allowed(section: Section, account: Account): boolean {
  return !section.roles || section.roles.includes(account.role);
}

function sectionOf(path: string): Section | undefined {
  return SECTIONS.find(
    (section) =>
      section.href === path || section.prefixes?.some((prefix) => path.startsWith(prefix)),
  );
}

function Forbidden({ roles }: { roles: readonly Role[] }) {
  usePageTitle('Không có quyền truy cập');
  const who = roles.map((role) => ROLE_LABELS[role].toLowerCase()).join(', ');
  return (
    <>
      <h1>Không có quyền truy cập</h1>
      <p>Trang này chỉ dành cho {who}. Nếu bạn cần truy cập, vui lòng liên hệ quản trị viên.</p>
    </>
  );
}

function LogoutButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onClick() {
    setBusy(true);
    try {
      await logout();
      setFlash('Bạn đã đăng xuất.');
      navigate('/dang-nhap', { replace: true });
    } catch (caught) {
      setBusy(false);
      setError(errorMessage(caught));
    }
  }
  return (
    <>
      <button
        type="button"
        class="button button--secondary admin-nav__logout"
        onClick={() => {
          void onClick();
        }}
        aria-disabled={busy ? 'true' : undefined}
      >
        Đăng xuất
      </button>
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function Content({ path, account }: { path: string; account: Account }) {
  const section = sectionOf(path);
  if (!section) return <NotFoundBody />;
  if (!allowed(section, account)) return <Forbidden roles={section.roles ?? []} />;
  const unitsOf = UNITS_ROUTE.exec(path)?.[1];
  if (unitsOf) return <Units key={unitsOf} contestId={unitsOf} />;
  const dashboardOf = DASHBOARD_ROUTE.exec(path)?.[1];
  if (dashboardOf) return <RoundDashboard key={dashboardOf} roundId={dashboardOf} />;
  switch (section.href) {
    case '/quan-tri/ngan-hang':
      return <Banks path={path} />;
    case '/quan-tri/hoi-thi':
      return <Contests path={path} />;
    case '/quan-tri/chung-ket':
      return <LiveHost path={path} />;
    case '/quan-tri/luyen-tap':
      return <PracticeStats />;
    case '/quan-tri/tai-khoan':
      return <Accounts me={account} />;
    case '/quan-tri/nhat-ky':
      return <AuditLog />;
    default:
      return <Dashboard account={account} />;
  }
}

function AdminShell({ path, account }: { path: string; account: Account }) {
  const current = sectionOf(path);
  return (
    <div class="admin">
      <nav class="admin-nav" aria-label="Quản trị">
        <p class="admin-nav__who">
          <strong>{account.displayName}</strong>
          <br />
          <span class="muted">{roleLabel(account.role)}</span>
        </p>
        <ul class="admin-nav__list">
          {SECTIONS.filter((section) => allowed(section, account)).map((section) => (
            <li key={section.href}>
              <a
                href={section.href}
                class="admin-nav__link"
                aria-current={
                  section === current ? (section.href === path ? 'page' : 'true') : undefined
                }
              >
                {section.label}
              </a>
            </li>
          ))}
          <li>
            <LogoutButton />
          </li>
        </ul>
      </nav>
      <div class="admin__content">
        <Content path={path} account={account} />
      </div>
    </div>
  );
}

/** The organizer area (/quan-tri/...), loaded on demand. */
export default function Admin({ path }: { path: string }) {
  return (
    <div class="container page">
      <RequireSession>{(account) => <AdminShell path={path} account={account} />}</RequireSession>
    </div>
  );
}
