// The signed-in session: signs in against the regional backend, keeps tokens in the vault, refreshes them.
import type { SessionState, SignedInStaff } from '../../../core/api/bridge';
import { BridgeFailure } from '../bridge/dispatcher';
import type { SessionTokens, TokenVault } from './tokenVault';

/** What the session needs from the backend; implemented over HTTP by backendClient. */
export interface AuthBackend {
  signIn(hsaId: string, password: string): Promise<{ tokens: SessionTokens; staff: SignedInStaff }>;
  refresh(refreshToken: string): Promise<{ tokens: SessionTokens; staff: SignedInStaff }>;
  signOut(refreshToken: string): Promise<void>;
}

export interface SessionServiceOptions {
  backend: AuthBackend;
  vault: TokenVault;
  now?: () => Date;
  onChange?: (state: SessionState) => void;
}

/** Refresh this long before the access token runs out, so a call never starts with a stale token. */
const REFRESH_MARGIN_MS = 60_000;

export class SessionService {
  private state: SessionState = { status: 'signed-out' };
  private readonly now: () => Date;
  private refreshing: Promise<string> | null = null;

  constructor(private readonly options: SessionServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get current(): SessionState {
    return this.state;
  }

  /** Resumes a session kept by the vault (Electron restart); stays signed out if it cannot be renewed. */
  async resume(): Promise<SessionState> {
    const tokens = await this.options.vault.load();
    if (!tokens || Date.parse(tokens.refreshTokenExpiresAt) <= this.now().getTime()) return this.state;
    try {
      const { tokens: renewed, staff } = await this.options.backend.refresh(tokens.refreshToken);
      await this.options.vault.save(renewed);
      this.set({ status: 'signed-in', staff, signedInAt: this.now().toISOString() });
    } catch {
      await this.options.vault.clear();
    }
    return this.state;
  }

  async signIn(hsaId: string, password: string): Promise<SessionState> {
    const { tokens, staff } = await this.options.backend.signIn(hsaId.toUpperCase(), password);
    await this.options.vault.save(tokens);
    this.set({ status: 'signed-in', staff, signedInAt: this.now().toISOString() });
    return this.state;
  }

  async signOut(): Promise<SessionState> {
    const tokens = await this.options.vault.load();
    await this.options.vault.clear();
    this.set({ status: 'signed-out' });
    if (tokens) {
      // Revoking on the backend is best effort: an offline nurse must still be able to sign out here.
      await this.options.backend.signOut(tokens.refreshToken).catch(() => undefined);
    }
    return this.state;
  }

  /** A valid access token for backend calls, refreshed when close to expiry; only main ever sees it. */
  async accessToken(): Promise<string> {
    const tokens = await this.options.vault.load();
    if (!tokens || this.state.status !== 'signed-in') {
      throw new BridgeFailure('not_signed_in', 'Sign in first.');
    }
    if (Date.parse(tokens.accessTokenExpiresAt) - REFRESH_MARGIN_MS > this.now().getTime()) {
      return tokens.accessToken;
    }
    this.refreshing ??= this.renew(tokens.refreshToken).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async renew(refreshToken: string): Promise<string> {
    try {
      const { tokens, staff } = await this.options.backend.refresh(refreshToken);
      await this.options.vault.save(tokens);
      if (this.state.status === 'signed-in') this.set({ ...this.state, staff });
      return tokens.accessToken;
    } catch (error) {
      if (error instanceof BridgeFailure && error.code === 'backend_unreachable') throw error;
      // The backend refused the refresh token (expired or revoked): the nurse must sign in again.
      await this.options.vault.clear();
      this.set({ status: 'signed-out' });
      throw new BridgeFailure('not_signed_in', 'The session has ended. Sign in again.');
    }
  }

  private set(next: SessionState): void {
    this.state = next;
    this.options.onChange?.(next);
  }
}
