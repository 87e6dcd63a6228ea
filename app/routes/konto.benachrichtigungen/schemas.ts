import { z } from "zod";
import { notificationDeliveries, notificationKinds, type NotificationKind } from "../../../db/schema";
import { notificationTexts as t } from "~/i18n/notifications";

const delivery = z.enum(notificationDeliveries, { error: t.prefsInvalid });

/** One radio group per kind; every kind must have one of the three choices. */
export const preferencesSchema = z.object(
  Object.fromEntries(notificationKinds.map((k) => [k, delivery])) as Record<NotificationKind, typeof delivery>,
);
