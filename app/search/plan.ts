/**
 * How to answer a query fast (docs/decisions/008-search-word-part-index.md).
 * FTS5 builds the whole doclist of a prefix query before it returns a row, so a
 * word found in half a million posts ("fach"*) costs over 100 ms even though the
 * newest 1,000 matches are all that is ranked. The plan chooses, by estimated
 * cost, which words go into MATCH (the rarest first) and which are checked on
 * the rows found (instr on the folded text) — or, when the words are common,
 * to read the newest rows directly, which fills the window sooner than any
 * index lookup.
 *
 * Frequencies come from a sample: how many of the newest SAMPLE_ROWS posts
 * contain each word, and all of them.
 */

/** Enough to tell a word in 1 % of posts from one in 10 %; more rows made planning cost several ms. */
export const SAMPLE_ROWS = 500;

// Costs in µs, measured on the search benchmark's million posts (docs/benchmarks.md).
/** Building the doclist of a prefix query, per match; 3-letter words have their own prefix index. */
const BUILD_PER_MATCH = 0.2;
const BUILD_PER_MATCH_3 = 0.03;
/** Reading a candidate row and checking the other words on it. */
const VERIFY_PER_ROW = 3.2;
/** Reading rows newest first: posts are short, the other kinds (documents) long. */
const SCAN_PER_POST = 0.75;
const SCAN_PER_OTHER = 3;

export type SampleCounts = { rows: number; perWord: number[]; all: number };
export type Corpus = { posts: number; others: number };

export type SearchPlan =
  | { via: "index"; indexed: string[]; verified: string[] }
  | { via: "scan"; verified: string[] };

/**
 * words: the query's index words; sample: among posts; window: how many of the newest
 * matches are wanted; othersSample: among the newest other rows (documents, materials,
 * groups, topics), which every window reads before the posts.
 */
export function planSearch(words: string[], sample: SampleCounts, corpus: Corpus, window: number, othersSample?: SampleCounts): SearchPlan {
  if (words.length === 0) return { via: "scan", verified: [] };
  const rows = Math.max(1, sample.rows);
  // +1: a word not seen in the sample is rare, not absent.
  const byRarity = words
    .map((word, i) => {
      const share = Math.min(1, (sample.perWord[i] + 1) / rows);
      const matches = share * corpus.posts;
      return { word, share, build: matches * ([...word].length === 3 ? BUILD_PER_MATCH_3 : BUILD_PER_MATCH) };
    })
    .sort((a, b) => a.share - b.share);

  // The k rarest words in MATCH, the rest checked on the candidates (assumed independent).
  let best: { cost: number; plan: SearchPlan } | null = null;
  let build = 0;
  let together = corpus.posts;
  for (let k = 1; k <= byRarity.length; k++) {
    build += byRarity[k - 1].build;
    together *= byRarity[k - 1].share;
    const verified = byRarity.slice(k).map((e) => e.word);
    const cost = build + (verified.length ? together * VERIFY_PER_ROW : 0);
    if (!best || cost < best.cost) best = { cost, plan: { via: "index", indexed: byRarity.slice(0, k).map((e) => e.word), verified } };
  }

  // Newest rows first until the window is full: the other rows, then posts; every post if
  // the sample saw none with all words.
  const othersShare = othersSample && othersSample.rows > 0 ? othersSample.all / othersSample.rows : 0;
  const fromOthers = corpus.others * othersShare;
  let scanCost: number;
  if (othersShare > 0 && fromOthers >= window) scanCost = (window / othersShare) * SCAN_PER_OTHER;
  else {
    const andShare = sample.all / rows;
    const postsRead = andShare > 0 ? Math.min(corpus.posts, (window - fromOthers) / andShare) : corpus.posts;
    scanCost = corpus.others * SCAN_PER_OTHER + postsRead * SCAN_PER_POST;
  }
  if (scanCost < best!.cost) return { via: "scan", verified: words };
  return best!.plan;
}
