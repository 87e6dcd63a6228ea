import { Link } from "@remix-run/react";

/** The top of a detail page: a way back, the context line (e.g. the Loge) and the one h1. */
export function PageTitle({ back, preline, title }: { back?: { to: string; label: string }; preline?: string | null; title: string }) {
  return (
    <>
      {back ? (
        <p className="kern-body kern-body--small">
          <Link className="kern-link" to={back.to}>
            {back.label}
          </Link>
        </p>
      ) : null}
      <hgroup className="kern-hgroup">
        {preline ? <p className="kern-preline">{preline}</p> : null}
        <h1 className="kern-heading-x-large">{title}</h1>
      </hgroup>
    </>
  );
}
