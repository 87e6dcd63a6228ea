import { Form } from "@remix-run/react";
import { RowAction } from "~/components/data-table";
import { Section } from "~/components/page-section";
import { initials } from "~/components/site-header";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import type { OverviewData } from "./route";

type ActionData = { intent: string; message?: string } | undefined;

/** Members with their roles; for the group moderation also requests, invitations and observer grants. */
export function MembersSection({ data }: { data: OverviewData; actionData: ActionData }) {
  const manage = data.manage;
  return (
    <>
      <Section id="mitglieder" title={`${t.overview.membersTitle} (${data.members.length})`}>
        <ul className="member-list">
          {data.members.map((m) => (
            <li key={m.userId} className="member">
              <span className="member__avatar" aria-hidden="true">{initials(m.displayName)}</span>
              <span className="member__text">
                <span className="member__name">{m.displayName}</span>
                <span className="kern-body kern-body--small">
                  {t.roles[m.role]}
                  {m.organisation ? ` · ${m.organisation}` : ""}
                </span>
              </span>
              {manage && m.userId !== data.userId ? (
                <span className="member__actions">
                  <RowAction
                    intent="set-role"
                    fields={{ userId: m.userId, role: m.role === "moderation" ? "member" : "moderation" }}
                    label={m.role === "moderation" ? t.manage.makeMemberLabel(m.displayName) : t.manage.makeModerationLabel(m.displayName)}
                  >
                    {m.role === "moderation" ? t.manage.makeMember : t.manage.makeModeration}
                  </RowAction>
                  <RowAction intent="remove-member" fields={{ userId: m.userId }} label={t.manage.removeLabel(m.displayName)}>
                    {t.manage.remove}
                  </RowAction>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>

      {data.group.visibility === "vertraulich" ? (
        <Section id="beobachtung" title={t.overview.observersTitle}>
          {data.observers.length ? (
            <ul className="member-list">
              {data.observers.map((o) => (
                <li key={o.userId} className="member">
                  <span className="member__text">
                    <span className="member__name">{o.displayName}</span>
                    {o.organisation ? <span className="kern-body kern-body--small">{o.organisation}</span> : null}
                  </span>
                  {manage ? (
                    <span className="member__actions">
                      <RowAction intent="revoke-observer" fields={{ userId: o.userId }} label={t.manage.revokeLabel(o.displayName)}>
                        {t.manage.revoke}
                      </RowAction>
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="kern-body">{t.overview.noObservers}</p>
          )}
          {manage && manage.grantable.length ? (
            <PersonPicker intent="grant-observer" label={t.manage.grantPerson} submit={t.manage.grantSubmit} people={manage.grantable} />
          ) : null}
        </Section>
      ) : null}

      {manage ? (
        <>
          <Section id="anfragen" title={`${t.requests.title} (${manage.requests.length})`}>
            {manage.requests.length === 0 ? <p className="kern-body">{t.requests.none}</p> : null}
            {manage.requests.map((r) => (
              <article key={r.id} className="request kern-stack" aria-labelledby={`anfrage-${r.id}`}>
                <h3 id={`anfrage-${r.id}`} className="kern-heading-small">
                  {t.requests.from(r.displayName, de.common.dateTime(r.createdAt))}
                </h3>
                {r.organisation ? <p className="kern-body kern-body--small">{r.organisation}</p> : null}
                {r.message ? <blockquote className="kern-body request__message">{r.message}</blockquote> : null}
                <RowAction intent="accept-request" fields={{ requestId: r.id }} label={t.requests.acceptLabel(r.displayName)}>
                  {t.requests.accept}
                </RowAction>
                <Form method="post" className="form-stack">
                  <input type="hidden" name="requestId" value={r.id} />
                  <div className="kern-form-input">
                    <label className="kern-label" htmlFor={`grund-${r.id}`}>{t.requests.reason}</label>
                    <textarea id={`grund-${r.id}`} name="reason" rows={2} required minLength={3} maxLength={1000} className="kern-form-input__input" />
                  </div>
                  <div>
                    <button type="submit" name="intent" value="decline-request" className="kern-btn kern-btn--secondary" aria-label={t.requests.declineLabel(r.displayName)}>
                      <span className="kern-label">{t.requests.decline}</span>
                    </button>
                  </div>
                </Form>
              </article>
            ))}
          </Section>

          <Section id="einladen" title={t.manage.inviteTitle}>
            <Form method="get" className="form-stack" role="search" aria-label={t.manage.searchLabel}>
              <div className="kern-form-input">
                <label className="kern-label" htmlFor="person-suche">{t.manage.search}</label>
                <div className="kern-hint" id="person-suche-hinweis">{t.manage.searchHint}</div>
                <input
                  id="person-suche"
                  name="person"
                  type="search"
                  minLength={2}
                  maxLength={100}
                  defaultValue={manage.personQuery}
                  aria-describedby="person-suche-hinweis"
                  className="kern-form-input__input"
                />
              </div>
              <div>
                <button type="submit" className="kern-btn kern-btn--secondary">
                  <span className="kern-label">{t.manage.searchSubmit}</span>
                </button>
              </div>
            </Form>
            {manage.personQuery.length >= 2 ? (
              manage.invitable.length ? (
                <PersonPicker intent="invite" label={t.manage.invitePerson} submit={t.manage.inviteSubmit} people={manage.invitable} withRole />
              ) : (
                <p className="kern-body" role="status">{t.manage.noMatches(manage.personQuery)}</p>
              )
            ) : null}
            {manage.invitations.length ? (
              <>
                <h3 className="kern-heading-small">{t.manage.openInvitations}</h3>
                <ul className="kern-list kern-list--bullet">
                  {manage.invitations.map((i) => (
                    <li key={i.id}>
                      {i.displayName} ({t.roles[i.role]})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Section>
        </>
      ) : null}
    </>
  );
}

function PersonPicker({
  intent,
  label,
  submit,
  people,
  withRole = false,
}: {
  intent: string;
  label: string;
  submit: string;
  people: { id: number; displayName: string; organisation: string | null }[];
  withRole?: boolean;
}) {
  return (
    <Form method="post" className="form-stack">
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={`${intent}-person`}>{label}</label>
        <div className="kern-form-input__select-wrapper">
          <select id={`${intent}-person`} name="userId" className="kern-form-input__select" required>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
                {p.organisation ? ` (${p.organisation})` : ""}
              </option>
            ))}
          </select>
        </div>
      </div>
      {withRole ? (
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${intent}-role`}>{t.manage.inviteRole}</label>
          <div className="kern-form-input__select-wrapper">
            <select id={`${intent}-role`} name="role" className="kern-form-input__select" defaultValue="member">
              <option value="member">{t.roles.member}</option>
              <option value="moderation">{t.roles.moderation}</option>
            </select>
          </div>
        </div>
      ) : null}
      <div>
        <button type="submit" name="intent" value={intent} className="kern-btn kern-btn--secondary">
          <span className="kern-label">{submit}</span>
        </button>
      </div>
    </Form>
  );
}
