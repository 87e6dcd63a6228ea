import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { proposalStatuses } from "../../../db/schema";
import type { ProposalSort } from "~/models/topic.server";

export const proposalSorts = ["unterstuetzung", "neu"] as const satisfies readonly ProposalSort[];

// Unknown filter values are ignored rather than refused: a shared link with an old value still works.
export const listQuerySchema = z.object({
  status: z.enum(proposalStatuses).optional().catch(undefined),
  sortierung: z.enum(proposalSorts).catch("unterstuetzung"),
});

/** The "Unterstützen" button in a row of the list. */
export const listSupportSchema = z.object({
  intent: z.literal("support"),
  proposalId: recordId(),
});
