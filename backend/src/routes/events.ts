// GET /api/v1/events (WebSocket): the live event channel, authenticated by access token in the URL or a first `auth` message.
import type { FastifyInstance } from 'fastify';
import type WebSocket from 'ws';
import {
  AuthMessageSchema,
  EVENT_CLOSE_CODES,
  EVENT_ROUTES,
  EventsQuerySchema,
} from '../../../core/backend-api/events';
import { authenticateAccessToken } from '../auth/requireRole';
import { ApiHttpError } from '../http/errors';
import { parseQuery } from '../http/validation';

/** How long a socket without a token in its URL may take to send its `auth` message. */
const HANDSHAKE_TIMEOUT_MS = 5000;

export async function eventRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    EVENT_ROUTES.events,
    {
      websocket: true,
      // With the token in the URL a bad token is refused before the upgrade, as a plain 401.
      preHandler: async (request) => {
        const { token } = parseQuery(EventsQuerySchema, request.query);
        if (token !== undefined) await authenticateAccessToken(app.backend, token);
      },
    },
    (socket, request) => {
      const { token } = EventsQuerySchema.parse(request.query);
      if (token !== undefined) {
        void admit(app, socket, token);
        return;
      }
      const timer = setTimeout(
        () => socket.close(EVENT_CLOSE_CODES.badHandshake, 'send {"type":"auth","token":…} first'),
        HANDSHAKE_TIMEOUT_MS,
      );
      socket.once('message', (data) => {
        clearTimeout(timer);
        let parsed: ReturnType<typeof AuthMessageSchema.safeParse>;
        try {
          parsed = AuthMessageSchema.safeParse(JSON.parse(data.toString()));
        } catch {
          socket.close(EVENT_CLOSE_CODES.badHandshake, 'the first message must be JSON');
          return;
        }
        if (!parsed.success) {
          socket.close(EVENT_CLOSE_CODES.badHandshake, 'the first message must be {"type":"auth","token":…}');
          return;
        }
        void admit(app, socket, parsed.data.token);
      });
      socket.once('close', () => clearTimeout(timer));
    },
  );
}

async function admit(app: FastifyInstance, socket: WebSocket, token: string): Promise<void> {
  try {
    const staff = await authenticateAccessToken(app.backend, token);
    if (socket.readyState !== socket.OPEN) return;
    app.backend.events.attach(socket, staff, token);
  } catch (error) {
    const expired = error instanceof ApiHttpError && error.code === 'token_expired';
    socket.close(
      expired ? EVENT_CLOSE_CODES.tokenExpired : EVENT_CLOSE_CODES.unauthorised,
      error instanceof ApiHttpError ? error.message.slice(0, 120) : 'not authorised',
    );
  }
}
