// Automatic call distribution: queues ordered by clinical urgency, offers to the longest-available nurse, presence, callbacks.
//
// Every change runs in one transaction that locks the rows it changes, so several backend instances
// on one PostgreSQL never offer a call twice or give a nurse two calls:
// - the assigner claims a nurse row and then a call row with FOR UPDATE SKIP LOCKED, so instances
//   working at the same moment each take different rows instead of waiting for each other;
// - everything else locks the call row first and the nurse's presence row second (one order, no
//   deadlocks), and re-checks state after locking;
// - a partial unique index on queue_call(assigned_to) refuses a second live call per nurse outright.
// Live events and telephony commands go out only after the transaction has committed.
//
// This class is the one entry point (routes, server, tests); the work is done in ./distribution/.
// Refusals are DistributionRefusal (./distribution/refusals), which http/refusals.ts turns into API errors.
import type {
  Call,
  CallActionResponse,
  Callback,
  CallbackAttemptRequest,
  CallbackBookingRequestSchema,
  CallbacksQuery,
  Presence,
  PresenceUpdateRequest,
  QueueOverview,
  QueueSnapshot,
  ReprioritiseRequest,
  TelephonyCallEnteredRequestSchema,
  TelephonyCallEnteredResponse,
  TelephonyHangUpRequest,
  TelephonyHangUpResponse,
} from '../../../core/backend-api/calls';
import type { QueueEvent } from '../../../core/queue/metrics';
import type { z } from 'zod';
import type { AuthenticatedStaff } from '../auth/tokens';
import { TelephonyPlatforms } from '../telephony/adapter';
import type { TelephonyPlatform } from '../telephony/adapter';
import type { QueueConfigSet } from './config';
import { Assigner } from './distribution/assignment';
import * as callActions from './distribution/callActions';
import * as callbacks from './distribution/callbacks';
import type { CallDistributionDeps, Distribution, PresenceOwner } from './distribution/context';
import * as intake from './distribution/intake';
import * as overview from './distribution/overview';
import * as presenceActions from './distribution/presenceActions';
import { queueSnapshot } from './distribution/queueView';
import { Ticker, expireOffers } from './distribution/timers';
import { unitOfWork } from './distribution/unitOfWork';

export type { CallDistributionDeps, LiveEventPublisher } from './distribution/context';
export { DistributionRefusal } from './distribution/refusals';

export class CallDistribution {
  readonly telephony = new TelephonyPlatforms();
  private readonly acd: Distribution;
  private readonly assigner: Assigner;
  private readonly ticker: Ticker;

  constructor(private readonly deps: CallDistributionDeps) {
    const transaction = unitOfWork(deps, this.telephony, {
      releaseDueCallbacks: () => this.releaseDueCallbacks(),
      assignWaitingCalls: () => this.assignWaitingCalls(),
    });
    this.acd = { deps, telephony: this.telephony, transaction };
    this.assigner = new Assigner(this.acd);
    this.ticker = new Ticker(this.acd, this.assigner);
  }

  get config(): QueueConfigSet {
    return this.deps.config;
  }

  /** Attaches a phone platform (or the simulator) to receive connect and end commands. */
  attachTelephony(platform: TelephonyPlatform): () => void {
    return this.telephony.attach(platform);
  }

  // Telephony intake

  callEntered(
    input: z.output<typeof TelephonyCallEnteredRequestSchema>,
  ): Promise<TelephonyCallEnteredResponse> {
    return intake.callEntered(this.acd, input);
  }

  callerHungUp(externalRef: string, request: TelephonyHangUpRequest = {}): Promise<TelephonyHangUpResponse> {
    return intake.callerHungUp(this.acd, externalRef, request);
  }

  queuedExternalRefs(prefix: string): Promise<string[]> {
    return intake.queuedExternalRefs(this.acd, prefix);
  }

  // Assignment and time

  assignWaitingCalls(): Promise<number> {
    return this.assigner.assignWaitingCalls();
  }

  tick(): Promise<void> {
    return this.ticker.tick();
  }

  expireOffers(): Promise<number> {
    return expireOffers(this.acd);
  }

  releaseDueCallbacks(): Promise<number> {
    return callbacks.releaseDueCallbacks(this.acd);
  }

  // The nurse's presence and calls

  presence(staff: PresenceOwner): Promise<Presence> {
    return presenceActions.presence(this.acd, staff);
  }

  updatePresenceByNurse(staff: PresenceOwner, request: PresenceUpdateRequest): Promise<Presence> {
    return presenceActions.updatePresenceByNurse(this.acd, staff, request);
  }

  staffSignedOut(hsaId: string): Promise<void> {
    return presenceActions.staffSignedOut(this.acd, hsaId);
  }

  endAfterCallWork(staff: AuthenticatedStaff): Promise<Presence> {
    return presenceActions.endAfterCallWork(this.acd, staff);
  }

  accept(staff: AuthenticatedStaff, callId: string): Promise<CallActionResponse> {
    return callActions.accept(this.acd, staff, callId);
  }

  decline(staff: AuthenticatedStaff, callId: string): Promise<CallActionResponse> {
    return callActions.decline(this.acd, staff, callId);
  }

  endCall(staff: AuthenticatedStaff, callId: string): Promise<CallActionResponse> {
    return callActions.endCall(this.acd, staff, callId);
  }

  call(staff: AuthenticatedStaff, callId: string): Promise<Call> {
    return callActions.call(this.acd, staff, callId);
  }

  reprioritise(staff: AuthenticatedStaff, callId: string, request: ReprioritiseRequest): Promise<Call> {
    return callActions.reprioritise(this.acd, staff, callId, request);
  }

  // Callbacks

  bookCallback(
    staff: AuthenticatedStaff,
    request: z.output<typeof CallbackBookingRequestSchema>,
  ): Promise<Callback> {
    return callbacks.bookCallback(this.acd, staff, request);
  }

  listCallbacks(staff: AuthenticatedStaff, query: CallbacksQuery): Promise<Callback[]> {
    return callbacks.listCallbacks(this.acd, staff, query);
  }

  cancelCallback(staff: AuthenticatedStaff, callbackId: string, reason: string): Promise<Callback> {
    return callbacks.cancelCallback(this.acd, staff, callbackId, reason);
  }

  recordCallbackAttempt(
    staff: AuthenticatedStaff,
    callbackId: string,
    request: CallbackAttemptRequest,
  ): Promise<Callback> {
    return callbacks.recordCallbackAttempt(this.acd, staff, callbackId, request);
  }

  // Views and metrics

  queueSnapshot(staff: AuthenticatedStaff): Promise<QueueSnapshot> {
    return queueSnapshot(this.acd, staff);
  }

  queueOverview(regionId: string): Promise<QueueOverview> {
    return overview.queueOverview(this.acd, regionId);
  }

  /** Recorded call events of a region in [from, to), oldest first. */
  queueEvents(regionId: string, from: Date, to: Date): Promise<QueueEvent[]> {
    return overview.queueEvents(this.acd, regionId, from, to);
  }
}
