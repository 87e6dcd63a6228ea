// Entry of the document writer thread. On Node 20 a worker does not inherit
// the loader hooks tsx registered in the main thread (`--import tsx`), so it
// registers them itself before loading the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./doc-writer.worker.ts");
