// The question-bank pages (/quan-tri/ngan-hang/..., /quan-tri/cau-hoi/:id), one lazy chunk.
import { NotFoundBody } from '../../pages/NotFound';
import { BankList } from './BankList';
import { BankPage } from './BankPage';
import { ImportWizard } from './ImportWizard';
import { QuestionEditor } from './QuestionEditor';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const BANK_ROUTE = new RegExp(`^/quan-tri/ngan-hang/(${UUID})(/nhap|/cau-hoi/moi)?$`);
const QUESTION_ROUTE = new RegExp(`^/quan-tri/cau-hoi/(${UUID})$`);

export default function Banks({ path }: { path: string }) {
  if (path === '/quan-tri/ngan-hang') return <BankList />;
  const bank = BANK_ROUTE.exec(path);
  if (bank?.[1]) {
    const bankId = bank[1];
    if (bank[2] === '/nhap') return <ImportWizard key={bankId} bankId={bankId} />;
    if (bank[2] === '/cau-hoi/moi') return <QuestionEditor key={`new-${bankId}`} bankId={bankId} />;
    return <BankPage key={bankId} bankId={bankId} />;
  }
  const question = QUESTION_ROUTE.exec(path);
  if (question?.[1]) return <QuestionEditor key={question[1]} questionId={question[1]} />;
  return <NotFoundBody />;
}
