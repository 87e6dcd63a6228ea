import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { notificationDeliveries, notificationKinds } from "../../../db/schema";
import { requirePermission } from "~/auth/guards.server";
import { Alert } from "~/components/alert";
import { FieldError, FormErrors, SubmitButton } from "~/components/form-fields";
import { de } from "~/i18n/de";
import { notificationTexts as t } from "~/i18n/notifications";
import { getPreferences, setPreferences } from "~/models/notification.server";
import { readFormData } from "~/server/form-data.server";
import { preferencesSchema } from "./schemas";

export const meta: MetaFunction = () => [{ title: `${t.prefsTitle} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "manage:own-account");
  return json({ preferences: getPreferences(user.id) });
}

export async function action(args: ActionFunctionArgs) {
  // Only the signed-in user's own preferences: the id comes from the session, never from the form.
  const user = requirePermission(args, "manage:own-account");
  const submission = parseWithZod(await readFormData(args.request), { schema: preferencesSchema });
  if (submission.status !== "success") return json({ saved: false, result: submission.reply() }, { status: 400 });
  setPreferences(user.id, submission.value);
  return json({ saved: true, result: submission.reply() });
}

export default function NotificationPreferences() {
  const { preferences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: preferences,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: preferencesSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="kern-stack page-narrow">
      <h1 className="kern-heading-large">{t.prefsTitle}</h1>
      <p className="kern-body">{t.prefsIntro}</p>
      {actionData?.saved ? <Alert variant="success">{t.prefsSaved}</Alert> : null}
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        {notificationKinds.map((kind) => (
          <DeliveryChoice key={kind} meta={fields[kind]} legend={t.kind[kind]} />
        ))}
        <div>
          <SubmitButton>{t.prefsSave}</SubmitButton>
        </div>
      </Form>
      <p className="kern-body">
        <a className="kern-link" href="/benachrichtigungen">{t.listTitle}</a>
      </p>
    </div>
  );
}

/** A KERN radio group: legend, error linked to the fieldset, one radio per delivery. */
function DeliveryChoice({ meta, legend }: { meta: FieldMetadata<string>; legend: string }) {
  const invalid = Boolean(meta.errors?.length);
  return (
    <fieldset
      className={`kern-fieldset notification-prefs__kind${invalid ? " kern-fieldset--error" : ""}`}
      aria-describedby={invalid ? meta.errorId : undefined}
    >
      <legend className="kern-label">{legend}</legend>
      <FieldError id={meta.errorId} errors={meta.errors} />
      <div className="kern-fieldset__body">
        {notificationDeliveries.map((delivery) => {
          const id = `${meta.id}-${delivery}`;
          return (
            <div key={delivery} className="kern-form-check">
              <input
                {...getInputProps(meta, { type: "radio", value: delivery })}
                id={id}
                key={`${delivery}-${meta.key ?? ""}`}
                className="kern-form-check__radio"
              />
              <label className="kern-label" htmlFor={id}>
                {t.delivery[delivery]}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
