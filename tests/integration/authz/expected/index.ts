import type { Table } from "../table";
import { accountRoutes } from "./account";
import { discussionRoutes } from "./discussion";
import { documentRoutes } from "./documents";
import { groupOverviewRoutes } from "./group-overview";
import { groupPageRoutes } from "./group-pages";
import { portalRoutes } from "./portal";

const parts: Table[] = [portalRoutes, accountRoutes, groupPageRoutes, groupOverviewRoutes, discussionRoutes, documentRoutes];

/** The whole expected table, one entry per route id of Remix's manifest. A route id in two parts is a mistake, not an override. */
export const expected: Table = {};
for (const part of parts) {
  for (const [id, entry] of Object.entries(part)) {
    if (id in expected) throw new Error(`Route ${id} is described twice in tests/integration/authz/expected/`);
    expected[id] = entry;
  }
}
