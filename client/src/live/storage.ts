// What the live final keeps on the device.
//  - Host console: the stage token of each game created in this tab (sessionStorage); the server
//    shows it only once, in the reply to the creation.
//  - Phone: the player's reconnect token (localStorage), the only way back in as the same
//    player after a reload or a dropped connection.

export interface CreatedGame {
  id: string;
  code: string;
  stageToken: string;
  format: string;
  createdAt: number;
}

export interface PlayerSeat {
  code: string;
  gameId: string;
  playerId: string;
  reconnectToken: string;
  name: string;
}

const GAMES_KEY = 'cchc.live.games';
const SEAT_KEY = 'cchc.live.seat';

function read(storage: Storage, key: string): unknown {
  try {
    const text = storage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full storage: the game goes on, only a reload loses the seat.
  }
}

function isCreatedGame(value: unknown): value is CreatedGame {
  if (typeof value !== 'object' || value === null) return false;
  const game = value as Record<string, unknown>;
  return (
    typeof game.id === 'string' &&
    typeof game.code === 'string' &&
    typeof game.stageToken === 'string' &&
    typeof game.format === 'string' &&
    typeof game.createdAt === 'number'
  );
}

/** Games created in this tab, newest first. */
export function createdGames(): CreatedGame[] {
  const value = read(sessionStorage, GAMES_KEY);
  return Array.isArray(value) ? value.filter(isCreatedGame) : [];
}

export function createdGame(id: string): CreatedGame | null {
  return createdGames().find((game) => game.id === id) ?? null;
}

export function rememberGame(game: CreatedGame): void {
  write(sessionStorage, GAMES_KEY, [
    game,
    ...createdGames()
      .filter((g) => g.id !== game.id)
      .slice(0, 19),
  ]);
}

export function savedSeat(): PlayerSeat | null {
  const value = read(localStorage, SEAT_KEY);
  if (typeof value !== 'object' || value === null) return null;
  const seat = value as Record<string, unknown>;
  return typeof seat.code === 'string' &&
    typeof seat.gameId === 'string' &&
    typeof seat.playerId === 'string' &&
    typeof seat.reconnectToken === 'string' &&
    typeof seat.name === 'string'
    ? (seat as unknown as PlayerSeat)
    : null;
}

export function saveSeat(seat: PlayerSeat | null): void {
  write(localStorage, SEAT_KEY, seat);
}
