import { z } from "zod";
import { de } from "~/i18n/de";

export const loginSchema = z.object({
  email: z
    .string({ error: de.validation.required("Ihre E-Mail-Adresse") })
    .trim()
    .max(254, de.validation.tooLong(254))
    .pipe(z.email(de.validation.email)),
  password: z
    .string({ error: de.validation.required("Ihr Passwort") })
    .max(256, de.validation.passwordTooLong(256)),
  redirectTo: z.string().max(2000).optional(),
});
