import { useCallback, useEffect, useRef, useState } from "react";
import { presenceTexts as t } from "~/i18n/presence";
import { useSocket } from "~/realtime/socket-context";
import { useOptionalUser } from "~/root";

/** A typing person sends at most one signal in this time. */
export const TYPING_SIGNAL_EVERY_MS = 2_000;
/** "… schreibt" disappears this long after the person's last signal. */
export const TYPING_SHOWN_MS = 5_000;

/**
 * The reply editor's onTyping: tells the others in the group's room that
 * this person is writing in the thread, at most every 2 s. The server checks
 * that the person may reply there; a refusal is swallowed (nothing to show).
 */
export function useTypingSignal(groupId: number, threadId: number): () => void {
  const { socket } = useSocket();
  const last = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (!socket?.connected || now - last.current < TYPING_SIGNAL_EVERY_MS) return;
    last.current = now;
    socket.emit("group:typing", { groupId, threadId }, () => {});
  }, [socket, groupId, threadId]);
}

/** "Anna Schmidt schreibt …" under a thread while others type a reply; announced politely. */
export function TypingIndicator({ groupId, threadId }: { groupId: number; threadId: number }) {
  const { socket } = useSocket();
  const me = useOptionalUser();
  const [typing, setTyping] = useState<Map<number, { name: string; until: number }>>(new Map());

  useEffect(() => {
    if (!socket) return;
    const onTyping = (e: { groupId: number; threadId: number; userId: number; displayName: string }) => {
      if (e.groupId !== groupId || e.threadId !== threadId || e.userId === me?.id) return;
      setTyping((prev) => new Map(prev).set(e.userId, { name: e.displayName, until: Date.now() + TYPING_SHOWN_MS }));
    };
    // A new post ends the wait: whoever still types signals again within 2 s.
    const onDiscussion = (e: { groupId: number; threadId: number; kind: string }) => {
      if (e.groupId === groupId && e.threadId === threadId && e.kind === "post_created") setTyping(new Map());
    };
    socket.on("group:typing", onTyping);
    socket.on("group:discussion", onDiscussion);
    return () => {
      socket.off("group:typing", onTyping);
      socket.off("group:discussion", onDiscussion);
    };
  }, [socket, groupId, threadId, me?.id]);

  useEffect(() => {
    if (typing.size === 0) return;
    const next = Math.min(...[...typing.values()].map((v) => v.until));
    const timer = setTimeout(() => {
      const now = Date.now();
      setTyping((prev) => new Map([...prev].filter(([, v]) => v.until > now)));
    }, Math.max(0, next - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [typing]);

  const names = [...typing.values()].map((v) => v.name).sort((a, b) => a.localeCompare(b, "de"));
  const text = names.length === 0 ? "" : names.length === 1 ? t.typingOne(names[0]) : t.typingMany(names);
  return (
    <p className="kern-body kern-body--small typing-indicator" aria-live="polite">
      {text}
    </p>
  );
}
