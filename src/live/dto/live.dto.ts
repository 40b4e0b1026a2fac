import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  HOST_COMMAND_TYPES,
  HostCommandType,
  LIVE_FORMATS,
  LiveFormat,
  LiveSettings,
} from '../domain/live-room.types';
import { MAX_ROSTER_SIZE } from '../domain/roster';

/** One contestant of a roster (from POST /api/live/rosters/parse); the room checks the limits. */
export class LiveRosterEntryDto {
  @IsString()
  @MaxLength(100)
  number: string;

  @IsString()
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  team?: string | null;
}

/** POST /api/live/games */
export class CreateLiveGameDto {
  @IsUUID()
  bankId: string;

  /** These published questions in this order; otherwise `count` drawn at random. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  questionIds?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  count?: number;

  /** The last N questions are kept as rescue questions (golden bell). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(20)
  rescueCount?: number;

  @IsIn(LIVE_FORMATS)
  format: LiveFormat;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  points?: number;

  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  timeLimitMs?: number;

  /** Checked by the room's own rules (createLiveRoom); unknown keys are dropped. */
  @IsOptional()
  @IsObject()
  settings?: Partial<Omit<LiveSettings, 'format'>>;

  /** Only these contestants may join, by number; absent: anyone with the code. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROSTER_SIZE)
  @ValidateNested({ each: true })
  @Type(() => LiveRosterEntryDto)
  roster?: LiveRosterEntryDto[];
}

export class LiveJoinDto {
  @Matches(/^[0-9]{6}$/)
  code: string;

  /** 1..40 characters after normalization (the room checks); this bounds the raw size. */
  @IsString()
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  number?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  team?: string;

  @IsOptional()
  @IsString()
  @Length(16, 100)
  reconnectToken?: string;
}

export class LiveAnswerDto {
  @IsInt()
  @Min(0)
  @Max(10_000)
  questionIndex: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(9, { each: true })
  choices: number[];
}

const isIntWithin = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * A `live:answer` payload that LiveAnswerDto accepts as it is, checked in a few comparisons; null
 * for anything else, which then goes through class-validator for its detailed errors. The
 * hottest message of a game (every phone, every question: 10,000 in a second at the end of a
 * question) is thereby spared class-transformer's copy and class-validator's metadata lookups,
 * ~12 kB of garbage per answer. The DTO stays the rule: a test holds this check to its
 * decorators over a corpus of valid and invalid payloads.
 */
export function wellFormedAnswer(body: unknown): LiveAnswerDto | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  if (Object.keys(body).length !== 2) return null;
  const { questionIndex, choices } = body as Partial<Record<keyof LiveAnswerDto, unknown>>;
  if (!isIntWithin(questionIndex, 0, 10_000)) return null;
  if (!Array.isArray(choices) || choices.length < 1 || choices.length > 10) return null;
  for (const choice of choices as unknown[]) if (!isIntWithin(choice, 0, 9)) return null;
  return Object.assign(new LiveAnswerDto(), { questionIndex, choices: choices as number[] });
}

export class LiveBuzzDto {
  @IsInt()
  @Min(0)
  @Max(10_000)
  questionIndex: number;
}

/** One host command; the room checks which fields its type needs. */
export class HostCommandDto {
  @IsIn(HOST_COMMAND_TYPES)
  type: HostCommandType;

  @IsOptional()
  @IsBoolean()
  correct?: boolean;

  @IsOptional()
  @IsInt()
  ms?: number;

  @IsOptional()
  @IsUUID()
  playerId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5_000)
  @IsUUID('all', { each: true })
  playerIds?: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  questionIndex?: number;
}

export class LiveHostDto {
  @IsUUID()
  gameId: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => HostCommandDto)
  command?: HostCommandDto;
}

export class LiveStageDto {
  @IsUUID()
  gameId: string;

  @IsString()
  @Length(16, 100)
  stageToken: string;
}
