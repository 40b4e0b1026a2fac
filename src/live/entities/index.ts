import { LiveAnswerEntity } from './live-answer.entity';
import { LiveGameEntity } from './live-game.entity';
import { LivePlayerEntity } from './live-player.entity';

export const LIVE_ENTITIES = [LiveGameEntity, LivePlayerEntity, LiveAnswerEntity];
