// Where the signed-in session's tokens live: never in the renderer, only behind this interface in main.
export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

/**
 * Electron keeps the refresh token encrypted with safeStorage (main/app); the browser host keeps
 * tokens in process memory only, so closing the host signs the nurse out.
 */
export interface TokenVault {
  load(): Promise<SessionTokens | null>;
  save(tokens: SessionTokens): Promise<void>;
  clear(): Promise<void>;
}

export function createMemoryTokenVault(): TokenVault {
  let tokens: SessionTokens | null = null;
  return {
    load: async () => tokens,
    save: async (next) => {
      tokens = next;
    },
    clear: async () => {
      tokens = null;
    },
  };
}
