// What call distribution needs from a phone platform, in both directions, so the ACD never depends on a particular one.
import type {
  CallKind,
  TelephonyCallEnteredRequest,
  TelephonyCallEnteredResponse,
  TelephonyHangUpRequest,
  TelephonyHangUpResponse,
} from '../../../core/backend-api/calls';

/** The line the platform should act on. No personnummer: the platform only needs to route audio. */
export interface TelephonyLine {
  callId: string;
  /** The platform's id of an inbound call; null for a callback, which the platform dials out. */
  externalRef: string | null;
  kind: CallKind;
  /** For a callback, the number to dial. */
  callerNumber: string;
}

/**
 * Commands from the ACD to the phone platform. Called after the change is committed; a failure is
 * logged and never undoes the assignment (the nurse can still reach the caller by phone).
 */
export interface TelephonyPlatform {
  /** Bridge the caller to the nurse's phone (for a callback: dial the patient and bridge). */
  connectNurse(line: TelephonyLine, nurse: { hsaId: string }): Promise<void>;
  /** The nurse ended the conversation: hang up the caller's line. */
  endCall(line: TelephonyLine): Promise<void>;
}

/**
 * Events from the phone platform to the ACD: the HTTP telephony routes, the in-process demo and the
 * simulator all speak through this.
 */
export interface TelephonyIngress {
  /** A call passed the phone menu and waits for a nurse. */
  callEntered(call: TelephonyCallEnteredRequest): Promise<TelephonyCallEnteredResponse>;
  /** The caller hung up (while waiting: abandoned; while talking: the conversation ended). */
  callerHungUp(externalRef: string, request?: TelephonyHangUpRequest): Promise<TelephonyHangUpResponse>;
}

/** Platform commands fan out to every attached platform (the real one, a simulator, a test recorder). */
export class TelephonyPlatforms implements TelephonyPlatform {
  private readonly platforms = new Set<TelephonyPlatform>();

  attach(platform: TelephonyPlatform): () => void {
    this.platforms.add(platform);
    return () => this.platforms.delete(platform);
  }

  async connectNurse(line: TelephonyLine, nurse: { hsaId: string }): Promise<void> {
    await Promise.all([...this.platforms].map((platform) => platform.connectNurse(line, nurse)));
  }

  async endCall(line: TelephonyLine): Promise<void> {
    await Promise.all([...this.platforms].map((platform) => platform.endCall(line)));
  }
}
