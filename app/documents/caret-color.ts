/**
 * Caret colours: dark enough for white label text (contrast ≥ 4.5:1),
 * chosen by user id so a person keeps the colour across sessions. The
 * server sets it in every awareness state (doc-awareness.server.ts), so a
 * client cannot wear another person's colour.
 */
const CARET_COLORS = ["#8b1a1a", "#1f5e99", "#2d6a2d", "#6b3fa0", "#99480a", "#0f6b6b", "#a0246b", "#4a4a4a"];

export function caretColor(userId: number): string {
  return CARET_COLORS[Math.abs(userId) % CARET_COLORS.length];
}
