import { z } from "zod";
import { de } from "~/i18n/de";

/** Decimal digits without a leading zero, small enough to be an exact JavaScript number. */
const DECIMAL_ID = /^[1-9][0-9]{0,14}$/;

/**
 * The id of a row as the portal's forms send it: decimal digits and nothing
 * else. z.coerce.number() read whatever Number() reads, so "0b1", "0x10",
 * " 7 " or "1e1" named rows 1, 16, 7 and 10: an administrator's
 * "userId=0b1" deactivated user 1 (found by
 * tests/integration/hostile-forms.test.ts). Shared by every form schema
 * that names a row; the browser checks with the same schema.
 */
export function recordId(message: string = de.errors.badRequest) {
  return z.string({ error: message }).regex(DECIMAL_ID, message).transform(Number);
}
