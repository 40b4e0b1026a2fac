// Timed online rounds (/hoi-thi, /bai-thi, /vong-thi): their own lazy chunk and stylesheet.
import { NotFoundBody } from '../NotFound';
import { AttemptPage } from './AttemptPage';
import { ContestList } from './ContestList';
import { ContestPage } from './ContestPage';
import { LeaderboardPage } from './LeaderboardPage';
import { matchRoute } from './paths';
import { PublicResultsPage } from './PublicResultsPage';
import { ResultPage } from './ResultPage';
import { ReviewPage } from './ReviewPage';
import { RoundPage } from './RoundPage';
import './rounds.css';

export default function Rounds({ path }: { path: string }) {
  const route = matchRoute(path);
  switch (route.page) {
    case 'contests':
      return <ContestList />;
    case 'contest':
      return <ContestPage key={route.contestId} contestId={route.contestId} />;
    case 'round':
      return <RoundPage key={route.roundId} contestId={route.contestId} roundId={route.roundId} />;
    case 'attempt':
      return <AttemptPage key={route.attemptId} attemptId={route.attemptId} />;
    case 'result':
      return <ResultPage key={route.attemptId} attemptId={route.attemptId} />;
    case 'review':
      return <ReviewPage key={route.attemptId} attemptId={route.attemptId} />;
    case 'leaderboard':
      return <LeaderboardPage key={route.roundId} roundId={route.roundId} />;
    case 'public-results':
      return <PublicResultsPage key={route.roundId} roundId={route.roundId} />;
    case 'not-found':
      return (
        <div class="container page">
          <NotFoundBody />
        </div>
      );
  }
}
