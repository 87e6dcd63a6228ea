import { DOMSerializer, type Node as ProseMirrorNode, type Schema } from "@tiptap/pm/model";
import { Window } from "happy-dom";

/**
 * What @tiptap/html's generateHTML does (ProseMirror's DOMSerializer for the
 * schema into a happy-dom element, scripts disabled, then innerHTML), with
 * one happy-dom document for the process (or thread) and the serializer
 * built once per schema. generateHTML builds the schema from the extension
 * list and opens a new window on every call: 4–6 ms even for a short text,
 * where serialising takes 0.06 ms. A thread page renders thirty posts; the
 * document deriver renders every open document every 1.5 s while it is
 * typed in (decision 010). Same output: tests/unit/render-html.test.ts
 * compares it with generateHTML byte for byte.
 */
let sharedDocument: Document | null = null;

function htmlDocument(): Document {
  sharedDocument ??= new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  }).document as unknown as Document;
  return sharedDocument;
}

/** A function that renders a node of `schema` (its content) as HTML. */
export function schemaHtmlSerializer(schema: Schema): (node: ProseMirrorNode) => string {
  const serializer = DOMSerializer.fromSchema(schema);
  return (node) => {
    const document = htmlDocument();
    const wrap = document.createElement("div");
    serializer.serializeFragment(node.content, { document }, wrap);
    return wrap.innerHTML;
  };
}
