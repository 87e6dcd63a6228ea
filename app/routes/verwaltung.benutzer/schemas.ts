import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { globalRoles } from "../../../db/schema";

export const setActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  userId: recordId(),
});

export const setRoleSchema = z.object({
  intent: z.literal("set-role"),
  userId: recordId(),
  role: z.enum(globalRoles),
});

/** The page's two forms, told apart by their intent. */
export const userActionSchema = z.discriminatedUnion("intent", [setActiveSchema, setRoleSchema]);
