import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { forbidden, invariantResponse } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { setFollowing } from "~/models/follow.server";
import { readFormData } from "~/server/form-data.server";

/**
 * A path as the page writes it into the form (location.pathname + search,
 * percent-encoded): printable ASCII only. Anything else in the Location
 * header (a line break, U+3000, any character beyond Latin-1) made Node
 * throw and the follow answer a 500 (tests/integration/hostile-forms.test.ts);
 * such a back link is ignored like a foreign one.
 */
const PLAIN_PATH = /^\/[\x21-\x7e]*$/;

/** The one form of this route: the "Folgen"/"Nicht mehr folgen" button in the group's header. */
const followSchema = z.object({
  intent: z.enum(["follow", "unfollow"]),
  // Back to the tab the button was pressed on; only paths of this group are taken.
  back: z.string().max(500).optional(),
});

/** Nothing to show here: a GET (e.g. a reload after posting without JavaScript) goes to the group. */
export async function loader(args: LoaderFunctionArgs) {
  const { group } = requireGroup(args);
  return redirect(`/gruppen/${group.slug}`);
}

export async function action(args: ActionFunctionArgs) {
  const { user, group, access } = requireGroup(args);
  if (!can(user, "follow:group", access)) forbidden();
  const submission = parseWithZod(await readFormData(args.request), { schema: followSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  setFollowing(user.id, group.id, submission.value.intent === "follow");
  const base = `/gruppen/${group.slug}`;
  const back = submission.value.back;
  const safeBack =
    back && PLAIN_PATH.test(back) && (back === base || back.startsWith(`${base}/`) || back.startsWith(`${base}?`)) && !back.includes("//") && !back.includes("..")
      ? back
      : base;
  return redirect(safeBack);
}
