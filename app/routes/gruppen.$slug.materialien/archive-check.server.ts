import { materialTexts as t } from "~/i18n/materials";
import type { AllowedType } from "~/materials/allowed-types";
import { checkZipArchive, zipLimitsFrom, type ZipLimits, type ZipRefusal } from "~/materials/zip-check.server";
import { getEnv } from "~/server/env.server";
import { logger } from "~/server/logger.server";
import type { ReceivedFile } from "./upload.server";

/**
 * For a ZIP-based office upload: the German message why its archive is
 * refused (a ZIP bomb or a broken package), or null when it may be stored.
 * Each refusal is logged with its reason, as it may be an attack.
 */
export async function archiveRefusal(file: ReceivedFile, type: AllowedType): Promise<string | null> {
  if (!type.zip) return null;
  const limits = zipLimitsFrom(getEnv());
  const verdict = await checkZipArchive(file.path, type.zip, limits);
  if (verdict.ok) return null;
  const { ok: _ok, ...refusal } = verdict;
  logger.warn({ refusal, type: type.short, sizeBytes: file.sizeBytes, sha256: file.sha256 }, "upload refused: implausible ZIP archive");
  return message(refusal, type, limits);
}

function message(refusal: ZipRefusal, type: AllowedType, limits: ZipLimits): string {
  const texts = t.errors.archive;
  switch (refusal.reason) {
    case "too-large":
      return texts.tooLarge(t.size(refusal.unpackedBytes), t.size(limits.maxUnpackedBytes));
    case "ratio":
      return texts.ratio(limits.maxRatio);
    case "too-many-entries":
      return texts.tooManyEntries(limits.maxEntries);
    case "encrypted":
      return texts.encrypted;
    default:
      return texts.damaged(type.short);
  }
}
