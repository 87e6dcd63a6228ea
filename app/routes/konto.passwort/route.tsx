import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { passwordCheckThrottle, retryAfterFromAction } from "~/auth/password-check-throttle.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { Alert } from "~/components/alert";
import { FormErrors, SubmitButton, TextField } from "~/components/form-fields";
import { de } from "~/i18n/de";
import { readFormData } from "~/server/form-data.server";
import { sessionCookie } from "~/auth/session-cookie.server";
import { createSession } from "~/auth/session.server";
import { changePassword, getPasswordHash, normalizeEmail } from "~/models/user.server";
import { changePasswordSchema } from "./password-schema";

export const meta: MetaFunction = () => [{ title: `${de.password.title} – ${de.portal.name}` }];

export const headers = retryAfterFromAction;

const hidden = ["currentPassword", "password", "passwordRepeat"];

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "manage:own-account");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "manage:own-account");
  const formData = await readFormData(args.request);
  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  if (submission.status !== "success") {
    return json({ done: false, result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  }
  // The same budget as the login (per account and address): a stolen session must not guess here instead.
  const outcome = await passwordCheckThrottle().check({ account: normalizeEmail(user.email), address: args.context.clientIp }, () =>
    verifyPassword(getPasswordHash(user.id), submission.value.currentPassword),
  );
  if (outcome.kind === "blocked") {
    return json(
      { done: false, result: submission.reply({ hideFields: hidden, formErrors: [de.password.tooMany(outcome.retryAfterMinutes)] }) },
      { status: 429, headers: outcome.headers },
    );
  }
  if (!outcome.valid) {
    return json(
      { done: false, result: submission.reply({ hideFields: hidden, fieldErrors: { currentPassword: [de.password.wrongCurrent] } }) },
      { status: 400 },
    );
  }
  // Re-authenticated with the current password: this browser gets a new session and every
  // session before, this one included, ends (ASVS 7.2.4).
  const next = createSession(user.id, args.request.headers.get("user-agent"));
  changePassword(user.id, await hashPassword(submission.value.password), next.id);
  return json(
    { done: true, result: submission.reply({ resetForm: true }) },
    { headers: { "Set-Cookie": sessionCookie(next.token, next.expiresAt) } },
  );
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: changePasswordSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="kern-stack page-narrow">
      <h1 className="kern-heading-large">{de.password.title}</h1>
      <p className="kern-body">{de.password.intro}</p>
      {actionData?.done ? <Alert variant="success">{de.password.changed}</Alert> : null}
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.currentPassword} label={de.password.current} type="password" autoComplete="current-password" />
        <TextField meta={fields.password} label={de.password.next} hint={de.accept.passwordHint} type="password" autoComplete="new-password" />
        <TextField meta={fields.passwordRepeat} label={de.password.repeat} type="password" autoComplete="new-password" />
        <div>
          <SubmitButton>{de.password.submit}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
