import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { retryAfterFromAction } from "~/auth/password-check-throttle.server";
import { invariantResponse } from "~/auth/guards.server";
import { hasRefusedCharacter, safeRedirect } from "~/auth/safe-redirect";
import { invalidateSession } from "~/auth/session.server";
import { Alert } from "~/components/alert";
import { FormErrors, SubmitButton, TextField } from "~/components/form-fields";
import { de } from "~/i18n/de";
import { getEnv } from "~/server/env.server";
import { readFormData } from "~/server/form-data.server";
import { loginSchema } from "./login-schema";
import { attemptLogin } from "./login.server";

export const meta: MetaFunction = () => [{ title: `${de.login.title} – ${de.portal.name}` }];

export const headers = retryAfterFromAction;

/** A target with control or invisible characters or a backslash was crafted: refused (400), not cleaned. */
function refuseCraftedTarget(target: FormDataEntryValue | string | null | undefined) {
  invariantResponse(!hasRefusedCharacter(target), de.errors.redirectRefused, { status: 400 });
}

// The form carries the checked target, so a crafted link's target is never even submitted.
export async function loader({ context, request }: LoaderFunctionArgs) {
  const requested = new URL(request.url).searchParams.get("redirectTo");
  refuseCraftedTarget(requested);
  const redirectTo = safeRedirect(requested, getEnv().PUBLIC_ORIGIN);
  if (context.auth) throw redirect(redirectTo);
  return json({ redirectTo });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  refuseCraftedTarget(formData.get("redirectTo"));
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const outcome = await attemptLogin({
    email: submission.value.email,
    password: submission.value.password,
    ip: context.clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  if (outcome.ok) {
    // Signing in again (a second tab's form, another account) ends the session this browser had:
    // a new sign-in gets a new token and the old one stops working (ASVS 7.2.4).
    if (context.auth) invalidateSession(context.auth.session.id, context.auth.user.id, "signed_in_again");
    return redirect(safeRedirect(submission.value.redirectTo, getEnv().PUBLIC_ORIGIN), {
      headers: { "Set-Cookie": outcome.cookie },
    });
  }
  const result = submission.reply({ formErrors: [outcome.message], hideFields: ["password"] });
  return json({ result }, { status: outcome.status, headers: outcome.headers });
}

export default function Login() {
  const lastResult = useActionData<typeof action>()?.result;
  const { redirectTo } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="kern-stack page-narrow">
      <h1 className="kern-heading-large">{de.login.title}</h1>
      {searchParams.get("abgemeldet") ? <Alert variant="success">{de.login.loggedOut}</Alert> : null}
      <p className="kern-body">{de.login.intro}</p>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField meta={fields.email} label={de.login.email} type="email" autoComplete="username" />
        <TextField meta={fields.password} label={de.login.password} type="password" autoComplete="current-password" />
        <div>
          <SubmitButton>{de.login.submit}</SubmitButton>
        </div>
      </Form>
      <p className="kern-body kern-body--small">{de.login.noAccount}</p>
    </div>
  );
}
