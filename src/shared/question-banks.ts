/** Question-bank API shapes. Shared by server and client. */

export interface BankSummary {
  id: string;
  name: string;
  description: string;
  /** The day the legal content was last checked, "YYYY-MM-DD". */
  contentCheckedAt: string | null;
  isSample: boolean;
  /** Its published questions marked for practice appear in public practice. */
  practiceEnabled: boolean;
  questions: number;
  published: number;
  createdAt: string;
  updatedAt: string;
}

export interface TopicView {
  id: string;
  code: string;
  name: string;
  description: string;
  position: number;
  questions: number;
}

export interface BankDetail extends BankSummary {
  topics: TopicView[];
}
