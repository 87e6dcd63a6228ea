import type http from "node:http";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { Server, type Socket } from "socket.io";
import { readSessionToken } from "../auth/session-cookie.server";
import { validateSessionToken, type SessionUser } from "../auth/session.server";
import type { Env } from "../server/env.server";
import { portalEvents } from "../server/events.server";
import { isOwnOrigin } from "../server/http/origin.server";
import { logger } from "../server/logger.server";
import { socketMessages } from "./messages";
import { flushAllDocs } from "./doc-registry.server";
import { stopDocWriter } from "./doc-writer.server";
import { registerDocSync, type JoinedDocs } from "./doc-sync.server";
import { attachGroupRooms, registerGroupRoom, type JoinedGroups } from "./group-room.server";
import { attachRightsRechecks } from "./rights-recheck.server";
import {
  clientEventSchemas,
  eventsNeedingAck,
  rooms,
  type ClientEventName,
  type ClientToServerEvents,
  type ErrorCode,
  type ServerToClientEvents,
} from "./events";

type SocketData = {
  user: SessionUser;
  sessionId: string;
  /** When the session runs out as last read (ms); rights-recheck.server.ts reads it again then. */
  sessionExpiresAt: number;
  docs?: JoinedDocs;
  groups?: JoinedGroups;
};
export type PortalServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type PortalSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Events per person per window before further events are refused (not the
 * connection). Counted per person, not per socket: one session opening many
 * sockets would otherwise multiply its budget (and MAX_SOCKETS_PER_USER caps
 * the sockets themselves).
 */
const EVENTS_PER_WINDOW = 200;
const WINDOW_SECONDS = 10;
/** Typing sends many small updates; they have their own budget per user (about 30 a second). */
const DOC_EVENTS_PER_WINDOW = 300;
const docEvents = new Set(["doc:update", "doc:awareness"]);

/**
 * Attaches socket.io to the portal's HTTP server. The handshake is checked
 * like an HTTP request: own origin, then the same session cookie. Every
 * event passes the rate limit and the schema of app/realtime/events.ts.
 */
export function attachRealtime(httpServer: http.Server, env: Env) {
  const io: PortalServer = new Server(httpServer, {
    maxHttpBufferSize: 1_000_000,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 5_000,
  });
  const limiter = new RateLimiterMemory({ points: EVENTS_PER_WINDOW, duration: WINDOW_SECONDS });
  const docLimiter = new RateLimiterMemory({ keyPrefix: "doc", points: DOC_EVENTS_PER_WINDOW, duration: WINDOW_SECONDS });

  const socketsPerUser = new Map<number, number>();
  /** A place taken in the handshake is given back once, when the socket or its connection ends (also before connecting). */
  const holdSocketPlace = (socket: PortalSocket, userId: number) => {
    socketsPerUser.set(userId, (socketsPerUser.get(userId) ?? 0) + 1);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      const left = (socketsPerUser.get(userId) ?? 1) - 1;
      if (left > 0) socketsPerUser.set(userId, left);
      else socketsPerUser.delete(userId);
    };
    socket.once("disconnect", release);
    socket.conn.once("close", release);
  };

  io.use((socket, next) => {
    const headers = socket.request.headers;
    if (!isOwnOrigin(headers, env.PUBLIC_ORIGIN)) return next(new Error("forbidden_origin"));
    const token = readSessionToken(headers.cookie);
    const auth = token ? validateSessionToken(token) : null;
    if (!auth) return next(new Error("unauthorized"));
    // At most MAX_SOCKETS_PER_USER at once. Counted here, where one handshake runs at a time to the end,
    // so parallel handshakes cannot all pass; refused in the handshake, the client does not retry.
    const held = socketsPerUser.get(auth.user.id) ?? 0;
    if (held >= env.MAX_SOCKETS_PER_USER) return next(new Error("too_many_connections"));
    holdSocketPlace(socket, auth.user.id);
    socket.data.user = auth.user;
    socket.data.sessionId = auth.session.id;
    socket.data.sessionExpiresAt = auth.session.expiresAt.getTime();
    next();
  });

  io.on("connection", (socket: PortalSocket) => {
    const { user, sessionId } = socket.data;
    void socket.join([rooms.user(user.id), rooms.session(sessionId)]);

    socket.use((packet, next) => {
      const [event, ...args] = packet;
      const ack = typeof args[args.length - 1] === "function" ? (args.pop() as (r: unknown) => void) : null;
      const refuse = (code: ErrorCode) => {
        const message = socketMessages[code];
        if (ack) ack({ ok: false, error: code, message });
        else socket.emit("portal:error", { code, message, event: String(event).slice(0, 64) });
      };
      const budget = (docEvents.has(String(event)) ? docLimiter : limiter).consume(String(user.id));
      budget
        .then(() => {
          if (!(event in clientEventSchemas)) return refuse("unknown_event");
          // One payload and the ack, nothing more: a second argument reached the handler in the ack's
          // place, and its call ("ack is not a function") ended the whole process
          // (tests/integration/hostile-sockets.test.ts).
          if (args.length > 1) return refuse("invalid_payload");
          const parsed = clientEventSchemas[event as ClientEventName].safeParse(args[0]);
          if (!parsed.success) return refuse("invalid_payload");
          // The handler gets what the schema checked and produced (base64 updates decoded), always
          // as its first argument: without a payload (an optional one) the ack would come first.
          if (args.length === 0) packet.splice(1, 0, parsed.data);
          else packet[1] = parsed.data;
          // The handlers answer these through the ack; without one the answer has nowhere to go.
          if (!ack && eventsNeedingAck.has(event)) return refuse("ack_required");
          next();
        })
        .catch(() => refuse("rate_limited"));
    });

    registerDocSync(socket);
    registerGroupRoom(socket);

    socket.on("session:whoami", (_payload, ack) => {
      if (typeof ack === "function") ack({ ok: true, data: { userId: user.id, displayName: user.displayName } });
    });

  });

  // Sessions that end close their sockets at once: logout, deactivation, password change.
  const onSessionsInvalidated = ({ userId, sessionIds, reason }: { userId: number; sessionIds: string[] | "all"; reason: string }) => {
    const targets = sessionIds === "all" ? [rooms.user(userId)] : sessionIds.map(rooms.session);
    if (targets.length === 0) return;
    io.to(targets).emit("session:ended", { reason });
    io.in(targets).disconnectSockets(true);
    logger.info({ userId, reason, sessions: sessionIds === "all" ? "all" : sessionIds.length }, "sockets closed");
  };
  portalEvents.on("sessions:invalidated", onSessionsInvalidated);

  // Rights changed (membership, role, grant, visibility, status, deactivation): open documents and rooms decide again.
  const stopRechecks = attachRightsRechecks(io);
  const stopGroupRooms = attachGroupRooms(io);

  return {
    io,
    /** Tells every client why, then closes all sockets (graceful shutdown). */
    async close(reason: string) {
      portalEvents.off("sessions:invalidated", onSessionsInvalidated);
      stopRechecks();
      stopGroupRooms();
      io.emit("server:shutdown", { reason });
      io.disconnectSockets(true);
      // Updates already handed to the writer are committed before the logs are folded (same queue).
      flushAllDocs();
      await stopDocWriter();
      // Not io.close(): that would close the HTTP server too, which the shutdown does itself.
      io.engine.close();
    },
  };
}

