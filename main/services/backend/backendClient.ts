// The session's calls to the regional backend (sign in, refresh, sign out), over the one backend HTTP client.
import {
  BACKEND_ROUTES,
  SessionTokensResponseSchema,
  type SessionTokensResponse,
} from '../../../core/backend-api/auth';
import type { AuthBackend } from '../session/sessionService';
import type { SessionTokens } from '../session/tokenVault';
import { asBridgeCall } from './bridgeErrors';
import { BackendHttpClient, type BackendHttpClientOptions } from './httpClient';

/** No access token here: these routes are how the session gets one. */
export type BackendClientOptions = Omit<BackendHttpClientOptions, 'accessToken'>;

export class BackendClient implements AuthBackend {
  private readonly http: BackendHttpClient;

  constructor(options: BackendClientOptions) {
    this.http = new BackendHttpClient(options);
  }

  async signIn(hsaId: string, password: string) {
    return toSession(await this.post(BACKEND_ROUTES.signIn, { hsaId, password }));
  }

  async refresh(refreshToken: string) {
    return toSession(await this.post(BACKEND_ROUTES.refresh, { refreshToken }));
  }

  async signOut(refreshToken: string): Promise<void> {
    await asBridgeCall(
      this.http.request('POST', {
        route: BACKEND_ROUTES.signOut,
        body: { refreshToken },
        schema: null,
        authenticated: false,
      }),
    );
  }

  private post(route: string, body: unknown): Promise<SessionTokensResponse> {
    return asBridgeCall(
      this.http.request('POST', { route, body, schema: SessionTokensResponseSchema, authenticated: false }),
    );
  }
}

function toSession(response: SessionTokensResponse): {
  tokens: SessionTokens;
  staff: SessionTokensResponse['staff'];
} {
  const { staff, ...tokens } = response;
  return { tokens, staff };
}
