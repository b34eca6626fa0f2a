// What every part of call distribution works with: its dependencies, the phone platforms and the unit of work.
import type { Logger } from 'pino';
import type { AuthenticatedStaff } from '../../auth/tokens';
import type { Clock } from '../../clock';
import type { BackendDb } from '../../db/schema';
import type { PublishInput } from '../../events/liveEvents';
import type { TelephonyPlatforms } from '../../telephony/adapter';
import type { QueueConfigSet } from '../config';
import type { Work } from './unitOfWork';

/** Where live events go: `app.backend.events` in the server. */
export interface LiveEventPublisher {
  publish(input: PublishInput): Promise<void>;
}

export interface CallDistributionDeps {
  db: BackendDb;
  clock: Clock;
  config: QueueConfigSet;
  events: LiveEventPublisher;
  logger: Logger;
}

/** The call distribution as its parts see it (the facade in ../distribution.ts builds it once). */
export interface Distribution {
  readonly deps: CallDistributionDeps;
  readonly telephony: TelephonyPlatforms;
  /** Runs `work` in one transaction, again from the start when rows moved; announces it once committed. */
  transaction<T>(work: Work<T>): Promise<T>;
}

/** Whose presence: the nurse's HSA-id and the region her row is created in. */
export type PresenceOwner = Pick<AuthenticatedStaff, 'hsaId' | 'regionId'>;

export const toMs = (date: Date): number => date.getTime();
