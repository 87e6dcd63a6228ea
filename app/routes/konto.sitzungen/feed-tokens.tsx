import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { DataTable, RowAction } from "~/components/data-table";
import { TextField } from "~/components/form-fields";
import { de } from "~/i18n/de";
import { feedTexts as t } from "~/i18n/feeds";
import { createFeedTokenSchema } from "./schemas";

export type FeedTokenRow = { id: number; label: string; createdAt: string; lastUsedAt: string | null };
/** The URLs of a token just created: shown in this one answer, never again. */
export type CreatedFeedUrls = {
  label: string;
  groupPattern: string;
  groups: { title: string; url: string }[];
  recommendations: string;
  json: string;
};

/** "Feeds und Datenzugang" on Meine Sitzungen: create, show once, list, revoke. Plain POST forms, no JavaScript needed. */
export function FeedTokensSection({
  tokens,
  created,
  result,
  message,
}: {
  tokens: FeedTokenRow[];
  created: CreatedFeedUrls | null;
  result: SubmissionResult<string[]> | undefined;
  message: string | null;
}) {
  const [form, fields] = useForm({
    id: "feed-token",
    lastResult: result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createFeedTokenSchema }),
    shouldValidate: "onBlur",
    // A fixed error disappears while typing, not on blur: otherwise the button moves under the pointer as it is clicked.
    shouldRevalidate: "onInput",
  });
  return (
    <section className="kern-stack" aria-labelledby="feeds-heading">
      <h2 id="feeds-heading" className="kern-heading-medium">
        {t.section}
      </h2>
      <p className="kern-body page-narrow">{t.intro}</p>
      {message ? <Alert variant="success">{message}</Alert> : null}
      {created ? <CreatedUrls created={created} /> : null}
      {tokens.length > 0 ? (
        <DataTable caption={t.listCaption} columns={[t.colLabel, t.colCreated, t.colLastUsed, t.colAction]}>
          {tokens.map((token) => (
            <tr key={token.id} className="kern-table__row">
              <td className="kern-table__cell">{token.label}</td>
              <td className="kern-table__cell">{de.common.dateTime(token.createdAt)}</td>
              <td className="kern-table__cell">{token.lastUsedAt ? de.common.dateTime(token.lastUsedAt) : t.neverUsed}</td>
              <td className="kern-table__cell">
                <RowAction intent="revoke-feed-token" fields={{ tokenId: token.id }} label={t.revokeLabel(token.label)}>
                  {t.revoke}
                </RowAction>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="kern-body">{t.none}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="form-stack page-narrow">
        <h3 className="kern-heading-small">{t.createTitle}</h3>
        <input type="hidden" name="intent" value="create-feed-token" />
        <TextField meta={fields.label} label={t.label} hint={t.labelHint} autoComplete="off" />
        <div>
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t.create}</span>
          </button>
        </div>
      </Form>
    </section>
  );
}

function CreatedUrls({ created }: { created: CreatedFeedUrls }) {
  return (
    <div className="kern-stack" data-testid="feed-urls">
      <Alert variant="success">
        {t.created(created.label)} {t.showOnce}
      </Alert>
      <h3 className="kern-heading-small">{t.urlsTitle}</h3>
      <dl className="feed-urls">
        <dt className="kern-label">{t.recommendationsFeed}</dt>
        <dd>
          <code>{created.recommendations}</code>
        </dd>
        <dt className="kern-label">{t.json}</dt>
        <dd>
          <code>{created.json}</code>
        </dd>
        <dt className="kern-label">{t.groupFeedPattern}</dt>
        <dd>
          <code>{created.groupPattern}</code>
        </dd>
        {created.groups.map((g) => (
          <div key={g.url}>
            <dt className="kern-label">{t.groupFeed(g.title)}</dt>
            <dd>
              <code>{g.url}</code>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
