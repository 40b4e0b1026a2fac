import { Layout } from './components/Layout';
import { lazy } from './components/Lazy';
import { useLocation } from './lib/router';
import { Home } from './pages/Home';
import { NotFound } from './pages/NotFound';

// Organizer pages are downloaded only when opened: participants never pay for them.
const Login = lazy(() => import('./pages/Login'));
const ChangePassword = lazy(() => import('./pages/ChangePassword'));
const Admin = lazy(() => import('./admin/Admin'));
// Practice is public but not the home page: its own chunk keeps the first load small.
const Practice = lazy(() => import('./pages/practice/Practice'));
// Timed rounds: contests, registration, attempts, results, leaderboards (socket.io loads later).
const Rounds = lazy(() => import('./pages/rounds/Rounds'));
// Live final: the contestants' phones and the projector (socket.io loads with them).
const LivePlayer = lazy(() => import('./live/Player'));
const LiveStage = lazy(() => import('./live/Stage'));

/** The projector's page: full screen, without the site's header and footer. */
const STAGE_ROUTE = /^\/trinh-chieu\/([0-9a-fA-F-]{36})$/;
/** The contestant's phone: its own slim frame, so the answer buttons fit on the screen. */
const PLAYER_ROUTE = /^\/choi(\/\d{6})?$/;

function Page({ path }: { path: string }) {
  if (path === '/') return <Home />;
  if (path === '/dang-nhap') return <Login />;
  if (path === '/doi-mat-khau') return <ChangePassword />;
  if (path === '/luyen-tap' || path.startsWith('/luyen-tap/')) return <Practice path={path} />;
  if (/^\/(hoi-thi|bai-thi|vong-thi|ket-qua)(\/|$)/.test(path)) return <Rounds path={path} />;
  if (path === '/quan-tri' || path.startsWith('/quan-tri/')) return <Admin path={path} />;
  return <NotFound />;
}

export function App() {
  const { path } = useLocation();
  const stageOf = STAGE_ROUTE.exec(path)?.[1];
  if (stageOf) return <LiveStage key={stageOf} gameId={stageOf} />;
  if (PLAYER_ROUTE.test(path)) return <LivePlayer path={path} />;
  return (
    <Layout path={path}>
      <Page path={path} />
    </Layout>
  );
}
