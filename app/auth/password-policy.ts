import { isCommonPassword } from "./common-passwords";

/** The password rules, shared by the forms (client and server) and the unit tests. */
export const PASSWORD_MIN_LENGTH = 12;
// An upper bound keeps a megabyte "password" from tying up the hasher.
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "common";

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return "too_short";
  if (password.length > PASSWORD_MAX_LENGTH) return "too_long";
  if (isCommonPassword(password)) return "common";
  return null;
}
