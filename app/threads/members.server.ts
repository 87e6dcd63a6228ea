import { listMembers } from "~/models/membership.server";

/** The people a post can mention: the group's members (observers read along, they are not addressed). */
export function mentionableMembers(groupId: number) {
  return listMembers(groupId).map((m) => ({ id: m.userId, displayName: m.displayName }));
}
