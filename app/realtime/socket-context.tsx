import { useRevalidator } from "@remix-run/react";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "./events";

/*
 * SocketProvider/useSocket (remix-run/examples, socket.io). Not a .client.tsx
 * file although it only connects in the browser: the root renders the
 * provider on the server too, and a .client module is empty there. The
 * connection is made in an effect, so the server never opens one.
 */
export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveStatus = "connecting" | "online" | "offline" | "ended";

type SocketState = { socket: ClientSocket | null; status: LiveStatus };
const SocketContext = createContext<SocketState>({ socket: null, status: "offline" });

/** Reconnect delay after the server closed the connection on purpose (restart). */
const RESTART_RETRY_MS = 2_000;

export function SocketProvider({ userId, children }: { userId: number | null; children: ReactNode }) {
  const [state, setState] = useState<SocketState>({ socket: null, status: "connecting" });
  const { revalidate } = useRevalidator();

  useEffect(() => {
    if (userId === null) {
      setState({ socket: null, status: "offline" });
      return;
    }
    const socket: ClientSocket = io({ transports: ["websocket", "polling"], withCredentials: true });
    let ended = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const set = (status: LiveStatus) => setState({ socket, status });
    set("connecting");

    socket.on("connect", () => set("online"));
    socket.on("session:ended", () => {
      ended = true;
      set("ended");
      // The page's data was for a session that no longer exists.
      revalidate();
      // The browser may hold a newer session (signed in again, password changed in this tab): try it
      // once. Without one the handshake answers "unauthorized" and the socket stays ended.
      clearTimeout(retry);
      retry = setTimeout(() => {
        ended = false;
        socket.connect();
      }, RESTART_RETRY_MS);
    });
    // New or lost rights: what the page shows may have changed.
    socket.on("rights:changed", () => revalidate());
    socket.on("disconnect", (reason) => {
      if (ended) return;
      set("offline");
      // socket.io retries lost connections itself, but not ones the server closed (restart).
      if (reason === "io server disconnect") retry = setTimeout(() => socket.connect(), RESTART_RETRY_MS);
    });
    socket.on("connect_error", (error) => {
      if (error.message === "unauthorized") {
        ended = true;
        set("ended");
      } else {
        set("offline");
      }
    });
    return () => {
      clearTimeout(retry);
      socket.removeAllListeners();
      socket.disconnect();
    };
    // revalidate is stable enough for our purpose; reconnect only when the user changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [userId]);

  return <SocketContext.Provider value={state}>{children}</SocketContext.Provider>;
}

export function useSocket(): SocketState {
  return useContext(SocketContext);
}
