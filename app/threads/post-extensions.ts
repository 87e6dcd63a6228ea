import type { Extensions } from "@tiptap/core";
import Mention, { type MentionNodeAttrs } from "@tiptap/extension-mention";
import StarterKit from "@tiptap/starter-kit";
import type { SuggestionOptions } from "@tiptap/suggestion";
import { safeLinkOptions } from "~/documents/safe-link";

/**
 * The schema of a discussion post, shared by the browser editor
 * (post-editor.client.tsx) and the server (post-body.server.ts: validation,
 * HTML rendering). No browser-only imports here; the suggestion popup is
 * passed in by the editor.
 */

/** A member that can be mentioned. */
export type MentionMember = { id: number; displayName: string };

/** What the suggestion popup offers and hands back to the Mention command. */
export type MentionItem = { id: string; label: string };

export type MentionSuggestion = Omit<SuggestionOptions<MentionItem, MentionNodeAttrs>, "editor">;

/**
 * Mentions are stored as `{ type: "mention", attrs: { id: "<user id>", label: "<display name>" } }`
 * and rendered as `<span class="mention" data-type="mention" data-user-id="…">@Name</span>`.
 */
export const PostMention = Mention.extend({
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute("data-user-id"),
        renderHTML: (attributes: { id?: string | null }) => (attributes.id ? { "data-user-id": attributes.id } : {}),
      },
      label: {
        default: null,
        parseHTML: (element: HTMLElement) => element.textContent?.replace(/^@/, "") ?? null,
        // The label is the element's text, not an attribute.
        renderHTML: () => ({}),
      },
      // One trigger only; kept so tiptap finds its suggestion, not worth an attribute in the markup.
      mentionSuggestionChar: { default: "@", rendered: false },
    };
  },
});

export function postExtensions(options: { suggestion?: MentionSuggestion } = {}): Extensions {
  return [
    StarterKit.configure({
      // Posts are short: no headings (the thread page owns the outline), no code blocks, rules,
      // strike or underline. Undo/redo stays on: a post has no collaboration.
      heading: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: safeLinkOptions("noopener noreferrer nofollow ugc"),
    }),
    PostMention.configure({
      HTMLAttributes: { class: "mention" },
      renderText: ({ node }) => `@${node.attrs.label ?? ""}`,
      renderHTML: ({ options, node }) => ["span", options.HTMLAttributes, `@${node.attrs.label ?? ""}`],
      suggestion: { allowSpaces: true, ...options.suggestion },
    }),
  ];
}
