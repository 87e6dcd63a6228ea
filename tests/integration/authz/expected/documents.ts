import { getMaterial } from "~/models/material.server";
import { PNG_BYTES } from "../group-world";
import type { Grids, Table } from "../table";
import { MODERATE, NOBODY, READ, WRITE } from "./patterns";

/**
 * Documents and materials of a group (app/auth/permissions.ts): reading
 * follows read:group; create:document, edit:document (drafts and documents
 * in consultation), upload:material: members, not archived;
 * set-status:document and delete:document: admin or the group moderation;
 * delete:material: admin, the group moderation or the member who uploaded it;
 * all of them not in an archived group.
 */

/** Someone else's group's id in this group's path: as if it did not exist. */
const OTHER_GROUPS_ID: Grids = {
  //                            anon  obs   obs+  other member gmod  pmod  admin
  intern:                      "login 404   404   404   404   404   404   404",
  vertraulich:                 "login 404   404   404   404   404   404   404",
  archiviert:                  "login 404   404   404   404   404   404   404",
};

function pngUpload() {
  const form = new FormData();
  form.append("title", "Neuer Plan");
  form.append("file", new Blob([PNG_BYTES], { type: "image/png" }), "plan.png");
  return form;
}

export const documentRoutes: Table = {
  "routes/gruppen.$slug.dokumente._index": {
    loader: { page: READ("2xx") },
    action: { create: { ...WRITE("redir"), form: () => ({ intent: "create", title: "Neues Papier", kind: "arbeitspapier" }) } },
  },
  "routes/gruppen.$slug.dokumente.$docId": {
    loader: {
      page: READ("2xx"),
      "other-groups-document": { ...OTHER_GROUPS_ID, params: (fx) => ({ docId: String(fx.otherGroup.docId) }) },
    },
    action: {
      rename: { ...WRITE("2xx"), form: () => ({ intent: "rename", title: "Empfehlung, neu benannt" }) },
      // An adopted text no longer changes, whoever asks.
      "rename:adopted": {
        ...NOBODY,
        params: (fx) => ({ docId: String(fx.group.adoptedDocId) }),
        form: () => ({ intent: "rename", title: "Beschluss, neu benannt" }),
      },
      status: { ...MODERATE("2xx"), form: () => ({ intent: "status", status: "in_konsultation", comment: "Zur Konsultation." }) },
      delete: { ...MODERATE("redir"), form: () => ({ intent: "delete" }) },
    },
  },
  "routes/gruppen.$slug.materialien": {
    loader: { page: READ("2xx") },
    action: {
      upload: { ...WRITE("redir"), multipart: pngUpload },
      // The member's own upload.
      delete: {
        //                      anon  obs   obs+  other member gmod  pmod  admin
        intern:                "login 403   403   403   2xx   2xx   403   2xx",
        vertraulich:           "login 404   403   404   2xx   2xx   404   2xx",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: (fx) => ({ intent: "delete", materialId: String(fx.group.materialId) }),
      },
      // Another group's material id: not found here, whoever asks, and kept there.
      "delete:other-group": {
        ...OTHER_GROUPS_ID,
        form: (fx) => ({ intent: "delete", materialId: String(fx.otherGroup.materialId) }),
        probe: (fx) => Boolean(getMaterial(fx.otherGroup.id, fx.otherGroup.materialId)),
      },
    },
  },
  "routes/gruppen.$slug.materialien.$materialId.download": {
    loader: {
      file: READ("2xx"),
      "other-groups-material": { ...OTHER_GROUPS_ID, params: (fx) => ({ materialId: String(fx.otherGroup.materialId) }) },
    },
  },
};
