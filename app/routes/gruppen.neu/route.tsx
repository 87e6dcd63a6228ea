import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { GroupForm } from "~/components/group-form";
import { parseGroupForm } from "~/groups/save-group.server";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import { createGroup } from "~/models/group.server";
import { readFormData } from "~/server/form-data.server";

export const meta: MetaFunction = () => [{ title: `${t.form.newTitle} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "create:group");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "create:group");
  const parsed = parseGroupForm(await readFormData(args.request));
  if (parsed.fields === null) return json({ result: parsed.reply }, { status: parsed.status });
  const group = createGroup(parsed.fields, user.id);
  return redirect(`/gruppen/${group.slug}?eroeffnet=1`);
}

export default function NewGroup() {
  const actionData = useActionData<typeof action>();
  return (
    <div className="kern-stack page-wide">
      <p className="kern-body kern-body--small">
        <a className="kern-link" href="/gruppen">{t.listTitle}</a>
      </p>
      <h1 className="kern-heading-large">{t.form.newTitle}</h1>
      <p className="kern-body page-narrow">{t.form.newIntro}</p>
      <GroupForm lastResult={actionData?.result} submitLabel={t.form.submitNew} />
    </div>
  );
}
