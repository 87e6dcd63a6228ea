import { and, count, desc, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client.server";
import { materials, users } from "../../db/schema";
import { recordActivity } from "./activity.server";

/**
 * Materials (talks and working papers) of a group. Every lookup of a single
 * material names its group in the where clause: an id from another group's
 * URL finds nothing.
 */

const listed = {
  id: materials.id,
  title: materials.title,
  description: materials.description,
  speaker: materials.speaker,
  loge: materials.loge,
  fileName: materials.fileName,
  contentType: materials.contentType,
  sizeBytes: materials.sizeBytes,
  uploadedBy: materials.uploadedBy,
  uploaderName: users.displayName,
  createdAt: materials.createdAt,
};

export function listMaterials(groupId: number) {
  return getDb()
    .select(listed)
    .from(materials)
    .leftJoin(users, eq(users.id, materials.uploadedBy))
    .where(eq(materials.groupId, groupId))
    .orderBy(desc(materials.createdAt), desc(materials.id))
    .all();
}

/** One material of this group, with what a download needs (the hash for the path). */
export function getMaterial(groupId: number, materialId: number) {
  return getDb()
    .select({
      id: materials.id,
      title: materials.title,
      fileName: materials.fileName,
      contentType: materials.contentType,
      sizeBytes: materials.sizeBytes,
      sha256: materials.sha256,
      uploadedBy: materials.uploadedBy,
    })
    .from(materials)
    .where(and(eq(materials.id, materialId), eq(materials.groupId, groupId)))
    .get();
}

export type NewMaterial = {
  groupId: number;
  title: string;
  description: string | null;
  speaker: string | null;
  loge: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: number | null;
};

export function insertMaterial(values: NewMaterial, db: Db = getDb()): { id: number } {
  const at = new Date();
  const created = db
    .insert(materials)
    .values({ ...values, createdAt: at })
    .returning({ id: materials.id })
    .get();
  recordActivity({ groupId: values.groupId, actorId: values.uploadedBy, kind: "material_added", subjectId: created.id, title: values.title, link: "materialien", at }, db);
  return created;
}

/** Deletes a material of this group; returns its hash so the caller can drop an unreferenced file. */
export function deleteMaterial(groupId: number, materialId: number): { sha256: string } | undefined {
  return getDb()
    .delete(materials)
    .where(and(eq(materials.id, materialId), eq(materials.groupId, groupId)))
    .returning({ sha256: materials.sha256 })
    .get();
}

/** How many materials (in any group) point at this stored file. */
export function countHashReferences(sha256: string, db: Db = getDb()): number {
  const [{ n }] = db.select({ n: count() }).from(materials).where(eq(materials.sha256, sha256)).all();
  return n;
}

/** For the idempotent demo seed. */
export function materialTitleExists(groupId: number, title: string, db: Db = getDb()): boolean {
  const row = db
    .select({ id: materials.id })
    .from(materials)
    .where(and(eq(materials.groupId, groupId), eq(materials.title, title)))
    .get();
  return Boolean(row);
}
