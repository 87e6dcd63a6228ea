import { getCollectionProps, getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { FieldError, SubmitButton } from "~/components/form-fields";
import { de } from "~/i18n/de";
import { reportTexts as t } from "~/i18n/report";
import { listGroupTitles } from "~/models/group.server";
import { readFormData } from "~/server/form-data.server";
import { reportFileUrl, reportSchema } from "./schema";

export const meta: MetaFunction = () => [{ title: `${t.title} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "read:progress");
  // Only readable groups are offered (the permission is in the query).
  return json({ groups: listGroupTitles(user).map((g) => ({ id: g.id, title: g.title })) });
}

/**
 * Checks the choice and sends the browser on to the file (303): a plain form
 * post without JavaScript ends in the download, and the page stays as it was.
 */
export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "read:progress");
  const submission = parseWithZod(await readFormData(args.request), { schema: reportSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const readable = new Set(listGroupTitles(user).map((g) => g.id));
  if (submission.value.umfang === "auswahl" && submission.value.gruppen?.some((id) => !readable.has(id))) {
    return json({ result: submission.reply({ fieldErrors: { gruppen: [t.errors.badGroup] } }) }, { status: 400 });
  }
  return redirect(reportFileUrl(submission.value), 303);
}

export default function ProgressReport() {
  const { groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "bericht",
    lastResult: actionData?.result,
    defaultValue: { umfang: "alle", format: "docx" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reportSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <div className="kern-stack page-narrow">
      <h1 className="kern-heading-large">{t.title}</h1>
      <p className="kern-body">{t.intro}</p>
      {groups.length === 0 ? (
        <p className="kern-body">{t.noGroups}</p>
      ) : (
        // A native submit: the answer is a file download, not a page for the router.
        <Form method="post" reloadDocument {...getFormProps(form)} className="form-stack">
          <Choice meta={fields.umfang} legend={t.scopeLegend} type="radio" options={[{ value: "alle", label: t.scopeAll }, { value: "auswahl", label: t.scopeChosen }]} />
          <Choice
            meta={fields.gruppen as unknown as FieldMetadata<string[]>}
            legend={t.groupsLegend}
            type="checkbox"
            options={groups.map((g) => ({ value: String(g.id), label: g.title }))}
          />
          <Choice meta={fields.format} legend={t.formatLegend} type="radio" options={[{ value: "docx", label: t.formatDocx }, { value: "csv", label: t.formatCsv }]} />
          <div>
            <SubmitButton>{t.submit}</SubmitButton>
          </div>
        </Form>
      )}
    </div>
  );
}

function Choice({
  meta,
  legend,
  type,
  options,
}: {
  meta: FieldMetadata<string> | FieldMetadata<string[]>;
  legend: string;
  type: "radio" | "checkbox";
  options: { value: string; label: string }[];
}) {
  const invalid = Boolean(meta.errors?.length);
  const labels = new Map(options.map((o) => [o.value, o.label]));
  return (
    <fieldset className={`kern-fieldset${invalid ? " kern-fieldset--error" : ""}`} aria-describedby={invalid ? meta.errorId : undefined}>
      <legend className="kern-label">{legend}</legend>
      <FieldError id={meta.errorId} errors={meta.errors} />
      <div className="kern-fieldset__body">
        {getCollectionProps(meta as FieldMetadata<string>, { type, options: options.map((o) => o.value) }).map((props) => (
          <div key={props.key} className="kern-form-check">
            <input {...props} key={props.key} className={`kern-form-check__${type}`} />
            <label className="kern-label" htmlFor={props.id}>
              {labels.get(props.value)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
