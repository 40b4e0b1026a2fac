// Public practice (/luyen-tap/...): its own lazy chunk, with its own stylesheet.
import { NotFoundBody } from '../NotFound';
import { SESSION_PATH, START_PATH } from './paths';
import { SessionPage } from './SessionPage';
import { StartPage } from './StartPage';
import './practice.css';

export default function Practice({ path }: { path: string }) {
  if (path === START_PATH) return <StartPage />;
  if (path === SESSION_PATH) return <SessionPage />;
  return (
    <div class="container page">
      <NotFoundBody />
    </div>
  );
}
