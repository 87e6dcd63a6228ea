import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { groupRoles } from "../../../db/schema";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";

const id = recordId();

/** "2027-02-30" parses in JavaScript (as 2 March); a real day reads back unchanged. */
function isRealDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
/** YYYY-MM-DD from <input type="date">, or empty. */
const isoDay = z
  .string()
  .trim()
  .refine((v) => v === "" || isRealDay(v), t.form.dateInvalid)
  .optional();

/** One schema per form on the overview page; the intent names the form. */
export const joinSchema = z.object({
  intent: z.literal("join"),
  message: z.string().trim().max(1000, de.validation.tooLong(1000)).optional(),
});
export const withdrawSchema = z.object({ intent: z.literal("withdraw") });
export const leaveSchema = z.object({ intent: z.literal("leave") });
export const acceptRequestSchema = z.object({ intent: z.literal("accept-request"), requestId: id });
export const declineRequestSchema = z.object({
  intent: z.literal("decline-request"),
  requestId: id,
  reason: z.string({ error: t.requests.reasonRequired }).trim().min(3, t.requests.reasonRequired).max(1000, de.validation.tooLong(1000)),
});
export const inviteSchema = z.object({
  intent: z.literal("invite"),
  userId: id,
  role: z.enum(groupRoles),
});
export const removeMemberSchema = z.object({ intent: z.literal("remove-member"), userId: id });
export const setRoleSchema = z.object({ intent: z.literal("set-role"), userId: id, role: z.enum(groupRoles) });
export const grantObserverSchema = z.object({ intent: z.literal("grant-observer"), userId: id });
export const revokeObserverSchema = z.object({ intent: z.literal("revoke-observer"), userId: id });
export const addMilestoneSchema = z.object({
  intent: z.literal("milestone-add"),
  title: z.string({ error: de.validation.required("einen Titel") }).trim().min(2, de.validation.required("einen Titel")).max(200, de.validation.tooLong(200)),
  dueDate: isoDay,
});
export const toggleMilestoneSchema = z.object({ intent: z.enum(["milestone-done", "milestone-open"]), milestoneId: id });
export const deleteMilestoneSchema = z.object({ intent: z.literal("milestone-delete"), milestoneId: id });

export const overviewActionSchema = z.discriminatedUnion("intent", [
  joinSchema,
  withdrawSchema,
  leaveSchema,
  acceptRequestSchema,
  declineRequestSchema,
  inviteSchema,
  removeMemberSchema,
  setRoleSchema,
  grantObserverSchema,
  revokeObserverSchema,
  addMilestoneSchema,
  toggleMilestoneSchema,
  deleteMilestoneSchema,
]);
export type OverviewAction = z.infer<typeof overviewActionSchema>;
