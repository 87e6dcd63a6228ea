import { z } from "zod";
import { globalRoles } from "../../../db/schema";

export const setActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  userId: z.coerce.number().int().positive(),
});

export const setRoleSchema = z.object({
  intent: z.literal("set-role"),
  userId: z.coerce.number().int().positive(),
  role: z.enum(globalRoles),
});

/** The page's two forms, told apart by their intent. */
export const userActionSchema = z.discriminatedUnion("intent", [setActiveSchema, setRoleSchema]);
