import { useEffect, useState } from 'preact/hooks';
import { Status, useFlashStatus } from '../components/Status';
import { FEATURES } from '../features';
import { apiGet, errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { usePageTitle } from '../lib/router';
import type { Account, HealthResponse } from '../types';
import { roleLabel } from './labels';

function ServerHealth() {
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    let live = true;
    apiGet<HealthResponse>('/health').then(
      (health) => {
        if (!live) return;
        setState(
          health.status === 'ok'
            ? { ok: true, text: 'Máy chủ đang hoạt động bình thường.' }
            : { ok: false, text: 'Máy chủ đang gặp sự cố. Vui lòng báo cho bộ phận kỹ thuật.' },
        );
      },
      (error: unknown) => {
        if (live) setState({ ok: false, text: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <p
      role="status"
      class={state ? (state.ok ? 'health health--ok' : 'health health--bad') : 'health'}
    >
      {state ? state.text : 'Đang kiểm tra máy chủ…'}
    </p>
  );
}

export function Dashboard({ account }: { account: Account }) {
  usePageTitle('Trang tổng quan');
  const [flash] = useFlashStatus();
  const upcoming = FEATURES.filter((feature) => !feature.href);
  return (
    <>
      <h1>Trang tổng quan</h1>
      <Status message={flash} />
      <p class="lead">Xin chào {account.displayName}.</p>
      <dl class="facts">
        <div>
          <dt>Tên đăng nhập</dt>
          <dd>{account.username}</dd>
        </div>
        <div>
          <dt>Vai trò</dt>
          <dd>{roleLabel(account.role)}</dd>
        </div>
        <div>
          <dt>Đăng nhập gần nhất</dt>
          <dd>{formatDateTime(account.lastLoginAt)}</dd>
        </div>
      </dl>

      <section aria-labelledby="may-chu" class="card">
        <h2 id="may-chu">Tình trạng hệ thống</h2>
        <ServerHealth />
      </section>

      {upcoming.length > 0 && (
        <section aria-labelledby="sap-co" class="card">
          <h2 id="sap-co">Sắp có</h2>
          <p>Các chức năng sau đang được xây dựng:</p>
          <ul>
            {upcoming.map((feature) => (
              <li key={feature.key}>{feature.title}</li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
