import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An acknowledged answer: written with the state that accepted it, before the ack. */
@Entity({ name: 'live_answers' })
export class LiveAnswerEntity {
  @PrimaryColumn({ name: 'game_id', type: 'uuid' })
  gameId: string;

  @PrimaryColumn({ name: 'question_index', type: 'integer' })
  questionIndex: number;

  @PrimaryColumn({ name: 'player_id', type: 'uuid' })
  playerId: string;

  @Column({ type: 'jsonb' })
  choices: number[];

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
