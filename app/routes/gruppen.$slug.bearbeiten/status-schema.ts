import { z } from "zod";
import { groupStatuses } from "../../../db/schema";

export const statusSchema = z.object({ intent: z.literal("status"), status: z.enum(groupStatuses) });
