import {
  arrayMaxSize,
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  isInt,
  isNumber,
  isUUID,
  maxLength,
  MaxLength,
  minLength,
  MinLength,
} from 'class-validator';
import type { AttemptSaveRequest, AttemptSubmitRequest } from '../../shared/realtime/events';

/** Who sends a message about which attempt: what HTTP carries in its header and path. */
class AttemptMessageDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  participantToken: string;

  @IsUUID()
  attemptId: string;
}

/** `attempt:save`: the body of the HTTP autosave, with the token and the attempt. */
export class AttemptSaveDto extends AttemptMessageDto implements AttemptSaveRequest {
  @IsInt()
  position: number;

  @IsArray()
  @ArrayMaxSize(6)
  @IsInt({ each: true })
  chosen: number[];
}

/** `attempt:submit`: the body of the HTTP submit, with the attempt and the token. */
export class AttemptSubmitDto extends AttemptMessageDto implements AttemptSubmitRequest {
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  prediction?: number;
}

const isToken = (value: unknown): value is string =>
  typeof value === 'string' && minLength(value, 1) && maxLength(value, 200);

const hasOnlyKeys = (body: object, required: readonly string[], optional: readonly string[]) => {
  const keys = Object.keys(body);
  return (
    required.every((key) => keys.includes(key)) &&
    keys.every((key) => required.includes(key) || optional.includes(key))
  );
};

/**
 * An `attempt:save` payload that AttemptSaveDto accepts as it is, checked with class-validator's
 * own predicates but without its per-call metadata lookups and class-transformer's copy (the
 * autosave is a participant's most frequent message); null for anything else, which then goes
 * through class-validator for its detailed errors. A test holds it to the decorators.
 */
export function wellFormedSave(body: unknown): AttemptSaveDto | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  if (!hasOnlyKeys(body, ['participantToken', 'attemptId', 'position', 'chosen'], [])) return null;
  const { participantToken, attemptId, position, chosen } = body as Record<string, unknown>;
  if (!isToken(participantToken) || !isUUID(attemptId) || !isInt(position)) return null;
  if (!Array.isArray(chosen) || !arrayMaxSize(chosen, 6) || !chosen.every((c) => isInt(c)))
    return null;
  return Object.assign(new AttemptSaveDto(), {
    participantToken,
    attemptId: attemptId as string,
    position: position as number,
    chosen: chosen as number[],
  });
}

/** The same for `attempt:submit` and AttemptSubmitDto (a deadline brings thousands at once). */
export function wellFormedSubmit(body: unknown): AttemptSubmitDto | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  if (!hasOnlyKeys(body, ['participantToken', 'attemptId'], ['prediction'])) return null;
  const { participantToken, attemptId, prediction } = body as Record<string, unknown>;
  if (!isToken(participantToken) || !isUUID(attemptId)) return null;
  const dto = Object.assign(new AttemptSubmitDto(), {
    participantToken,
    attemptId: attemptId as string,
  });
  if ('prediction' in body) {
    // IsOptional also lets null through; the decorators decide about it.
    if (!isNumber(prediction, { allowNaN: false, allowInfinity: false })) return null;
    dto.prediction = prediction;
  }
  return dto;
}
