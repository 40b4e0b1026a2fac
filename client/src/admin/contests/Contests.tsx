// The contest and round pages of the organizer area (/quan-tri/hoi-thi/..., /quan-tri/vong-thi/...),
// one lazy chunk.
import { NotFoundBody } from '../../pages/NotFound';
import { ContestList } from './ContestList';
import { ContestPage } from './ContestPage';
import { Participants } from './Participants';
import { RoundForm } from './RoundForm';
import { RoundPage } from './RoundPage';
import './contests.css';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const CONTEST_ROUTE = new RegExp(`^/quan-tri/hoi-thi/(${UUID})(/nguoi-du-thi|/vong-thi/moi)?$`);
const ROUND_ROUTE = new RegExp(`^/quan-tri/vong-thi/(${UUID})(/sua)?$`);

export default function Contests({ path }: { path: string }) {
  if (path === '/quan-tri/hoi-thi') return <ContestList />;
  const contest = CONTEST_ROUTE.exec(path);
  if (contest?.[1]) {
    const contestId = contest[1];
    if (contest[2] === '/nguoi-du-thi')
      return <Participants key={contestId} contestId={contestId} />;
    if (contest[2] === '/vong-thi/moi')
      return <RoundForm key={`new-${contestId}`} contestId={contestId} />;
    return <ContestPage key={contestId} contestId={contestId} />;
  }
  const round = ROUND_ROUTE.exec(path);
  if (round?.[1]) {
    const roundId = round[1];
    if (round[2] === '/sua') return <RoundForm key={`edit-${roundId}`} roundId={roundId} />;
    return <RoundPage key={roundId} roundId={roundId} />;
  }
  return <NotFoundBody />;
}
