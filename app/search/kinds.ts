/** What search finds; the values are stored in search_index.kind (migrations/0006_search_index.sql). */
export const SEARCH_KINDS = ["group", "document", "post", "topic", "material"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** The type filter in the address uses German words: /suche?typ=dokumente. */
export const KIND_PARAMS: Record<SearchKind, string> = {
  group: "gruppen",
  document: "dokumente",
  post: "beitraege",
  topic: "themen",
  material: "materialien",
};

export function kindFromParam(value: string | null): SearchKind | undefined {
  return SEARCH_KINDS.find((k) => KIND_PARAMS[k] === value);
}
