import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { hashPassword } from "~/auth/password.server";
import { sessionCookie } from "~/auth/session-cookie.server";
import { createSession } from "~/auth/session.server";
import { Alert } from "~/components/alert";
import { FormErrors, SubmitButton, TextField } from "~/components/form-fields";
import { de } from "~/i18n/de";
import { readFormData } from "~/server/form-data.server";
import { acceptInvitation, findOpenInvitation } from "~/models/invitation.server";
import { acceptSchema } from "./accept-schema";

export const meta: MetaFunction = () => [{ title: `${de.accept.title} – ${de.portal.name}` }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = findOpenInvitation(params.token ?? "");
  // An unknown or used link is a normal situation for people, not an error page.
  if (!invitation) return json({ invitation: null }, { status: 404 });
  return json({ invitation: { email: invitation.email, role: invitation.role } });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: acceptSchema });
  const hidden = { hideFields: ["password", "passwordRepeat"] };
  if (submission.status !== "success") {
    return json({ result: submission.reply(hidden) }, { status: 400 });
  }
  const passwordHash = await hashPassword(submission.value.password);
  const outcome = acceptInvitation(token, { displayName: submission.value.displayName, passwordHash });
  if ("error" in outcome) {
    const message = outcome.error === "email_taken" ? de.accept.emailTaken : de.accept.invalid;
    return json({ result: submission.reply({ ...hidden, formErrors: [message] }) }, { status: outcome.error === "email_taken" ? 409 : 410 });
  }
  const session = createSession(outcome.userId, request.headers.get("user-agent"));
  return redirect("/", { headers: { "Set-Cookie": sessionCookie(session.token, session.expiresAt) } });
}

export default function AcceptInvitation() {
  const { invitation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: acceptSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  if (!invitation) {
    return (
      <div className="kern-stack page-narrow">
        <h1 className="kern-heading-large">{de.accept.invalidTitle}</h1>
        <Alert variant="warning">{de.accept.invalid}</Alert>
      </div>
    );
  }
  return (
    <div className="kern-stack page-narrow">
      <h1 className="kern-heading-large">{de.accept.title}</h1>
      <p className="kern-body">{de.accept.intro(invitation.email, de.roles[invitation.role])}</p>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.displayName} label={de.accept.displayName} hint={de.accept.displayNameHint} autoComplete="name" />
        <TextField meta={fields.password} label={de.accept.password} hint={de.accept.passwordHint} type="password" autoComplete="new-password" />
        <TextField meta={fields.passwordRepeat} label={de.accept.passwordRepeat} type="password" autoComplete="new-password" />
        <div>
          <SubmitButton>{de.accept.submit}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
