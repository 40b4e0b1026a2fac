import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A player of a live game; only the hash of the reconnect token is stored. */
@Entity({ name: 'live_players' })
export class LivePlayerEntity {
  @PrimaryColumn({ name: 'game_id', type: 'uuid' })
  gameId: string;

  @PrimaryColumn({ name: 'player_id', type: 'uuid' })
  playerId: string;

  @Column({ name: 'reconnect_token_hash', type: 'bytea', unique: true })
  reconnectTokenHash: Buffer;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  number: string | null;

  @Column({ type: 'text', nullable: true })
  team: string | null;

  @Column({ name: 'joined_at', type: 'timestamptz' })
  joinedAt: Date;
}
