import { z } from "zod";
import { newPasswordField, withRepeatedPassword } from "~/auth/password-schema";
import { de } from "~/i18n/de";

export const changePasswordSchema = withRepeatedPassword(
  z.object({
    currentPassword: z.string({ error: de.validation.required("Ihr aktuelles Passwort") }).max(256),
    password: newPasswordField,
    passwordRepeat: z.string({ error: de.validation.required("das neue Passwort noch einmal") }),
  }),
);
