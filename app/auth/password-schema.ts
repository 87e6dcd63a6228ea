import { z } from "zod";
import { de } from "~/i18n/de";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from "./password-policy";

const messages = {
  too_short: de.validation.passwordTooShort(PASSWORD_MIN_LENGTH),
  too_long: de.validation.passwordTooLong(PASSWORD_MAX_LENGTH),
  common: de.validation.passwordCommon,
} as const;

/** A new password: the policy's rules with German messages. */
export const newPasswordField = z.string({ error: de.validation.required("ein Passwort") }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: messages[problem] });
});

/** Adds "the two passwords match" to a schema with `password` and `passwordRepeat`. */
export function withRepeatedPassword<T extends z.ZodObject<{ password: z.ZodType<string>; passwordRepeat: z.ZodType<string> }>>(
  schema: T,
) {
  return schema.refine((v) => v.password === v.passwordRepeat, {
    message: de.validation.passwordMismatch,
    path: ["passwordRepeat"],
  });
}
