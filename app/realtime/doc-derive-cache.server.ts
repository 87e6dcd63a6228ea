import * as Y from "yjs";
import { deriveContentFromDoc, type DerivedContent } from "../models/document-content.server";

/**
 * The deriver thread's copies of the documents it renders (decision 009,
 * point 9). The event loop used to encode a document's whole state for every
 * derivation, every 1.5 s while someone types: 8–10 ms for a text of 25,000
 * characters typed in 6,500 pieces, measured on the benchmark machine, in
 * which no keystroke is relayed. Now the thread keeps a Y.Doc per document
 * and the loop sends only what it lacks, `Y.encodeStateAsUpdate(doc, vector)`
 * against the state vector the thread last confirmed: about 0.15 ms for the
 * same text. The delete set always travels whole, so deletions arrive too.
 *
 * A copy the thread does not have (first derivation, thread restarted,
 * dropped after `idleMs` unused: DERIVE_COPY_IDLE_MS) or one that does not
 * end at the state the loop says it should is not rendered: the answer is
 * "send everything", and the loop does. A whole state never gets that
 * answer, so the two cannot ask each other in circles. Sending more than
 * was needed is harmless (Yjs ignores what a document already holds), so
 * the loop may compute a difference against an older confirmation while a
 * newer one is on its way.
 */
export type DeriveInput = {
  documentId: number;
  /** The whole state ("full") or what the thread lacks against the last confirmed vector ("diff"). */
  base: "full" | "diff";
  state: Uint8Array;
  /** The loop's state vector when it encoded `state`: where the copy must end. */
  vector: Uint8Array;
};

export type DeriveOutcome = { content: DerivedContent } | { needsFull: true };

export class DeriveCache {
  private docs = new Map<number, { doc: Y.Doc; usedAt: number }>();

  constructor(
    /** Copies unused this long are dropped by dropIdle(). */
    private readonly idleMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Brings the copy up to date and renders it. A whole state is rendered as
   * it is, whatever it holds: it is all the loop has, and asking for it again
   * would only repeat it. A whole state that is no update throws (the
   * thread answers with an error, as for any failed rendering).
   */
  derive(input: DeriveInput): DeriveOutcome {
    const { documentId } = input;
    if (input.base === "full") {
      this.forget(documentId);
      // gc as on the loop's document; a fixed guid: a random uuid costs a tenth of a rendering.
      const doc = new Y.Doc({ guid: "derive", gc: true });
      try {
        Y.applyUpdate(doc, input.state);
      } catch (error) {
        doc.destroy();
        throw error;
      }
      this.docs.set(documentId, { doc, usedAt: this.now() });
      return { content: deriveContentFromDoc(doc) };
    }
    const copy = this.docs.get(documentId);
    if (!copy) return { needsFull: true };
    copy.usedAt = this.now();
    try {
      Y.applyUpdate(copy.doc, input.state);
    } catch {
      this.forget(documentId);
      return { needsFull: true };
    }
    if (!endsAt(copy.doc, input.vector)) {
      // Something is missing: render nothing rather than an incomplete text.
      this.forget(documentId);
      return { needsFull: true };
    }
    return { content: deriveContentFromDoc(copy.doc) };
  }

  /** Drops the copies not used for `idleMs` (documents no longer typed in). */
  dropIdle(): void {
    const limit = this.now() - this.idleMs;
    for (const [documentId, copy] of this.docs) if (copy.usedAt < limit) this.forget(documentId);
  }

  get size(): number {
    return this.docs.size;
  }

  private forget(documentId: number): void {
    this.docs.get(documentId)?.doc.destroy();
    this.docs.delete(documentId);
  }
}

/**
 * True when the copy holds exactly the clocks of the loop's state vector.
 * Clocks of one client are contiguous, so equal vectors mean the same
 * integrated structs. Structs waiting for missing ones are not looked at: the
 * loop's document may hold the same ones waiting (a client sent an update
 * whose base never came), and they are not part of its vector either.
 */
function endsAt(doc: Y.Doc, vector: Uint8Array): boolean {
  const expected = Y.decodeStateVector(vector);
  if (expected.size !== doc.store.clients.size) return false;
  for (const [client, clock] of expected) if (!doc.store.clients.has(client) || Y.getState(doc.store, client) !== clock) return false;
  return true;
}
