import { apiGet } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/router';
import { PRIZE_LABELS } from '../../../../src/shared/round-rules';
import { PARTICIPANT_GROUP_LABELS, type PublicResults } from './contract';
import { formatDuration, formatNumber, formatScore } from './labels';
import { CONTESTS_PATH, contestPath, leaderboardPath } from './paths';
import { Breadcrumbs, LoadFailed, useLoad } from './shared';
import { Loading } from '../../components/Lazy';

/** /ket-qua/:roundId — the published results: prize winners with masked phones, key figures. */
export function PublicResultsPage({ roundId }: { roundId: string }) {
  usePageTitle('Kết quả vòng thi');
  const [load, retry] = useLoad(
    () => apiGet<PublicResults>(`/api/rounds/${encodeURIComponent(roundId)}/results`),
    [roundId],
  );
  if (load.kind === 'loading') return <Loading />;
  if (load.kind === 'failed')
    return <LoadFailed title="Kết quả vòng thi" message={load.message} retry={retry} />;
  const results = load.value;
  const { round } = results;
  return (
    <div class="container page rounds">
      <Breadcrumbs
        items={[
          { href: CONTESTS_PATH, label: 'Hội thi' },
          { href: contestPath(round.contestId), label: results.contestName },
          { label: `Kết quả ${round.name}` },
        ]}
      />
      <h1>Kết quả {round.name}</h1>
      <p>
        {results.contestName}. Vòng thi đóng lúc {formatDateTime(round.closesAt)}
        {round.resultsPublishedAt
          ? `, kết quả công bố lúc ${formatDateTime(round.resultsPublishedAt)}`
          : ''}
        .
      </p>
      <dl class="round-facts">
        <div>
          <dt>Số người dự thi</dt>
          <dd>{formatNumber(results.participants)}</dd>
        </div>
        <div>
          <dt>Số người đạt điểm tuyệt đối</dt>
          <dd>{formatNumber(results.perfectCount)}</dd>
        </div>
        <div>
          <dt>Đáp án câu hỏi dự đoán</dt>
          <dd>{results.trueValue === null ? '—' : formatNumber(results.trueValue)}</dd>
        </div>
      </dl>
      {results.prizes.length === 0 ? (
        <p>Vòng thi này không có danh sách giải.</p>
      ) : (
        results.prizes.map((block) => (
          <section key={`${block.group}-${block.prize}`} class="card">
            <h2>
              {PRIZE_LABELS[block.prize]} — {PARTICIPANT_GROUP_LABELS[block.group]}
            </h2>
            <div class="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Hạng</th>
                    <th scope="col">Họ và tên</th>
                    <th scope="col">Đơn vị</th>
                    <th scope="col">Số điện thoại</th>
                    <th scope="col">Điểm</th>
                    <th scope="col">Thời gian</th>
                  </tr>
                </thead>
                <tbody>
                  {block.rows.map((row) => (
                    <tr key={`${row.fullName}-${row.submittedAt}`}>
                      <td>{formatNumber(row.rank)}</td>
                      <td>{row.fullName}</td>
                      <td>{row.unit ?? '—'}</td>
                      <td>{row.phone}</td>
                      <td>
                        {formatScore(row.score)} / {formatScore(row.maxScore)}
                      </td>
                      <td>{formatDuration(row.durationMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))
      )}
      <p>
        <a href={leaderboardPath(round.id)}>Xem bảng xếp hạng đầy đủ</a>
      </p>
    </div>
  );
}
