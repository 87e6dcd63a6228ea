import { DataTable, RowAction } from "~/components/data-table";
import { de } from "~/i18n/de";
import { materialTexts as t } from "~/i18n/materials";
import { allowedTypeByMime } from "~/materials/allowed-types";
import type { listMaterials } from "~/models/material.server";

/** A row as the page's loader sends it: the model's columns, dates as text, and the delete right. */
export type MaterialRow = Omit<ReturnType<typeof listMaterials>[number], "createdAt" | "uploadedBy" | "sha256" | "groupId"> & {
  createdAt: string;
  mayDelete: boolean;
};

/** The materials of a group; the delete button only where the permission rules allow it. */
export function MaterialsTable({ slug, materials }: { slug: string; materials: MaterialRow[] }) {
  const c = t.columns;
  return (
    <DataTable caption={t.listTitle} columns={[c.title, c.talk, c.type, c.size, c.uploadedBy, c.date, c.actions]}>
      {materials.map((m) => {
        const type = allowedTypeByMime(m.contentType)?.short ?? m.contentType;
        const size = t.size(m.sizeBytes);
        return (
          <tr key={m.id} className="kern-table__row">
            <td className="kern-table__cell">
              <strong>{m.title}</strong>
              {m.description ? <p className="kern-body kern-body--small">{m.description}</p> : null}
              <p className="kern-body kern-body--small kern-body--muted">{m.fileName}</p>
            </td>
            <td className="kern-table__cell">
              {m.speaker || m.loge ? (
                <>
                  {m.speaker ? <p className="kern-body kern-body--small">{m.speaker}</p> : null}
                  {m.loge ? <p className="kern-body kern-body--small">{t.loge(m.loge)}</p> : null}
                </>
              ) : (
                t.noTalk
              )}
            </td>
            <td className="kern-table__cell">{type}</td>
            <td className="kern-table__cell">{size}</td>
            <td className="kern-table__cell">{m.uploaderName ?? t.unknownUploader}</td>
            <td className="kern-table__cell">{de.common.date(m.createdAt)}</td>
            <td className="kern-table__cell">
              <p className="kern-body">
                <a
                  className="kern-link"
                  href={`/gruppen/${slug}/materialien/${m.id}/download`}
                  aria-label={t.downloadLabel(m.title, type, size)}
                >
                  {t.download}
                </a>
              </p>
              {m.mayDelete ? (
                <RowAction intent="delete" fields={{ materialId: m.id }} label={t.deleteLabel(m.title)}>
                  {t.delete}
                </RowAction>
              ) : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
