import { useLocation, useRevalidator } from "@remix-run/react";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { GroupPresence, GroupWhere } from "./events";
import { useSocket } from "./socket-context";

/**
 * Changes that arrive close together reload the page's data once: quickly in
 * the Diskussion tab (the list or thread on screen), more slowly elsewhere,
 * where only the tab's unread count changes; at most one reload per window.
 */
const REVALIDATE_DEBOUNCE_MS = { diskussion: 250, elsewhere: 1_000 };

export type GroupRoomState = {
  groupId: number | null;
  /** Who is in the group now; null until the room answered (no JavaScript, offline, not joined). */
  presence: GroupPresence | null;
};

const GroupRoomContext = createContext<GroupRoomState>({ groupId: null, presence: null });

/** Where in the group a path is: /gruppen/<slug>/dokumente/12 → Dokumente, document 12. */
export function whereFromPath(pathname: string): GroupWhere {
  const [, , , area, id] = pathname.split("/");
  const n = id && /^\d+$/.test(id) ? Number(id) : undefined;
  switch (area) {
    case "dokumente":
      return n ? { area: "dokumente", documentId: n } : { area: "dokumente" };
    case "diskussion":
      return n ? { area: "diskussion", threadId: n } : { area: "diskussion" };
    case "materialien":
      return { area: "materialien" };
    case "aktivitaet":
      return { area: "aktivitaet" };
    default:
      return { area: "ueberblick" };
  }
}

/**
 * Joins the group's live room for this tab and keeps its place up to date as
 * the person moves between tabs, documents and threads. Re-joins after a
 * reconnect. Discussion changes reload the page's data (debounced), so lists
 * and threads update without a reload.
 */
export function useGroupRoom(groupId: number): GroupRoomState {
  const { socket } = useSocket();
  const { pathname } = useLocation();
  const where = useMemo(() => whereFromPath(pathname), [pathname]);
  const whereRef = useRef(where);
  whereRef.current = where;
  const { revalidate } = useRevalidator();
  const revalidateRef = useRef(revalidate);
  revalidateRef.current = revalidate;
  const joinedRef = useRef(false);
  const [presence, setPresence] = useState<GroupPresence | null>(null);

  useEffect(() => {
    if (!socket) return;
    let active = true;
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const join = () =>
      socket.emit("group:join", { groupId, where: whereRef.current }, (reply) => {
        if (!active) return;
        joinedRef.current = reply.ok;
        setPresence(reply.ok ? reply.data : null);
      });
    const onPresence = (p: GroupPresence) => {
      if (p.groupId === groupId) setPresence(p);
    };
    const onDiscussion = (e: { groupId: number }) => {
      if (e.groupId !== groupId) return;
      if (debounce) return;
      const wait = whereRef.current.area === "diskussion" ? REVALIDATE_DEBOUNCE_MS.diskussion : REVALIDATE_DEBOUNCE_MS.elsewhere;
      debounce = setTimeout(() => {
        debounce = undefined;
        revalidateRef.current();
      }, wait);
    };
    const onClosed = (e: { groupId: number }) => {
      if (e.groupId !== groupId) return;
      joinedRef.current = false;
      setPresence(null);
      // No longer readable: the page's loader now answers accordingly.
      revalidateRef.current();
    };
    const onDisconnect = () => {
      joinedRef.current = false;
      // A stale list would claim people are here; show none until the room answers again.
      setPresence(null);
    };
    if (socket.connected) join();
    socket.on("connect", join);
    socket.on("disconnect", onDisconnect);
    socket.on("group:presence", onPresence);
    socket.on("group:discussion", onDiscussion);
    socket.on("group:closed", onClosed);
    return () => {
      active = false;
      clearTimeout(debounce);
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("group:presence", onPresence);
      socket.off("group:discussion", onDiscussion);
      socket.off("group:closed", onClosed);
      if (socket.connected && joinedRef.current) socket.emit("group:leave", { groupId });
      joinedRef.current = false;
      setPresence(null);
    };
  }, [socket, groupId]);

  useEffect(() => {
    if (!socket?.connected || !joinedRef.current) return;
    // An ack swallows a refusal (e.g. just left); the next join sends the place anyway.
    socket.emit("group:where", { groupId, where }, () => {});
    // where is derived from pathname; its fields are what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, groupId, where.area, where.documentId, where.threadId]);

  return { groupId, presence };
}

/** Joins the room once for a group page (its layout) and shares who is there with the tabs. */
export function GroupRoomProvider({ groupId, children }: { groupId: number; children: ReactNode }) {
  const state = useGroupRoom(groupId);
  return <GroupRoomContext.Provider value={state}>{children}</GroupRoomContext.Provider>;
}

/** Who is in the current group now (null presence without a live connection). */
export function useGroupPresence(): GroupRoomState {
  return useContext(GroupRoomContext);
}
