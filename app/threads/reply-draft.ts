import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";

/** A half-written post as the editor submits it: plain text and, when the editor ran, its rich text. */
export type PostDraft = { text: string; json: string };

/**
 * Drafts live in the tab's sessionStorage, per person and thread, so a reload
 * or a detour to another page does not lose them; closing the tab does.
 * Storage can be missing or full (private mode, quota): then there is simply
 * no draft, the form works as before.
 */
export const replyDraftKey = (userId: number, threadId: number) => `ag-portal:antwort:${userId}:${threadId}`;

export function readDraft(key: string): PostDraft | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<PostDraft>;
    return typeof value.text === "string" && value.text.trim() && typeof value.json === "string" ? { text: value.text, json: value.json } : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: PostDraft): void {
  try {
    if (draft.text.trim()) window.sessionStorage.setItem(key, JSON.stringify(draft));
    else window.sessionStorage.removeItem(key);
  } catch {
    // No storage: the draft only lives in the editor.
  }
}

export function clearDraft(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}

/**
 * Counts this person's own replies that went through on this page. The
 * reply form is keyed on it, so it starts empty after one's own post, while
 * a live update (someone else posts, the loader data changes) leaves the
 * form and its half-written text alone. A refused reply keeps the text too.
 */
export function useSentReplies(refused: boolean, draftKey: string | null): number {
  const navigation = useNavigation();
  const sending = navigation.state !== "idle" && navigation.formData?.get("intent") === "reply";
  const wasSending = useRef(false);
  const [sent, setSent] = useState(0);
  useEffect(() => {
    if (wasSending.current && !sending && !refused) {
      if (draftKey) clearDraft(draftKey);
      setSent((n) => n + 1);
    }
    wasSending.current = sending;
  }, [sending, refused, draftKey]);
  return sent;
}
