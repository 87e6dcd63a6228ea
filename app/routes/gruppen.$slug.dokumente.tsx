import type { LoaderFunctionArgs } from "@remix-run/node";
import { EmptyTab } from "~/components/empty-tab";
import { requireGroup } from "~/groups/group-guard.server";
import { groupTexts as t } from "~/i18n/groups";

/** Filled by a later issue; until then it says so instead of showing invented content. */
export async function loader(args: LoaderFunctionArgs) {
  requireGroup(args);
  return null;
}

export default function Tab() {
  return <EmptyTab title={t.tabs.documents} text={t.emptyTab.documents} />;
}
