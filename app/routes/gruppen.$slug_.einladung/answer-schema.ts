import { z } from "zod";

/** The invitation page's form: one of its two buttons. */
export const answerInvitationSchema = z.object({ intent: z.enum(["accept-invite", "decline-invite"]) });
