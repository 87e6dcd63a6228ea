import { de } from "~/i18n/de";

/**
 * Reads a form body. A body that is no form at all (wrong content type,
 * broken multipart) is the sender's mistake: 400 with a German message, not 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new Response(de.errors.badRequest, { status: 400 });
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw new Response(de.errors.badRequest, { status: 400 });
  }
  refuseImplausibleFieldNames(formData);
  return formData;
}

/** Deeper than any form of ours nests its fields ("items[0].title" is two). */
const MAX_NAME_DEPTH = 16;
/** More fields than any form of ours sends (the report's group choice, at most 500, is the largest). */
const MAX_FIELDS = 1_000;

/**
 * conform reads field names as paths ("a.b", "list[3]") and builds objects
 * and lists from them, which the answer to a refused form echoes back. What
 * no form of ours sends made that fail (tests/integration/hostile-forms.test.ts):
 * - a far list index: one field "title[200000000]" became a list of 200
 *   million holes; a minute of CPU, then V8 aborted the whole process while
 *   writing the answer. Our lists are numbered from 0, one field per item,
 *   so no index reaches the number of fields sent.
 * - deep nesting: "a.b.b.b…" 10,000 levels deep overflowed the stack while
 *   the answer was built (a 500).
 * - many fields: one name repeated 100,000 times (800 kB, under the body
 *   limit) is gathered into a list copied once per item, 53 s in which the
 *   server answered nobody.
 * Such a form is refused before anything parses it.
 */
export function refuseImplausibleFieldNames(formData: FormData): void {
  const names = [...formData.keys()];
  if (names.length > MAX_FIELDS) throw new Response(de.errors.badRequest, { status: 400 });
  for (const name of names) {
    const depth = name.split(/[.[]/).length;
    const farIndex = [...name.matchAll(/\[(\d+)\]/g)].some(([, index]) => Number(index) >= names.length);
    if (depth > MAX_NAME_DEPTH || farIndex) throw new Response(de.errors.badRequest, { status: 400 });
  }
}
