import { z } from "zod";
import { newPasswordField, withRepeatedPassword } from "~/auth/password-schema";
import { de } from "~/i18n/de";

export const acceptSchema = withRepeatedPassword(
  z.object({
    displayName: z
      .string({ error: de.validation.required("Ihren Namen") })
      .trim()
      .min(2, de.validation.required("Ihren Namen"))
      .max(100, de.validation.tooLong(100)),
    password: newPasswordField,
    passwordRepeat: z.string({ error: de.validation.required("das Passwort noch einmal") }),
  }),
);
