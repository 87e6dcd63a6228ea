import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { de } from "~/i18n/de";

const byStatus: Record<number, { title: string; text: string }> = {
  400: { title: de.errors.badRequestTitle, text: de.errors.badRequest },
  403: { title: de.errors.forbiddenTitle, text: de.errors.forbidden },
  404: { title: de.errors.notFoundTitle, text: de.errors.notFound },
  405: { title: de.errors.methodNotAllowedTitle, text: de.errors.methodNotAllowed },
  413: { title: de.errors.tooLargeTitle, text: de.errors.tooLarge },
  429: { title: de.errors.tooManyTitle, text: de.errors.tooManyText },
};

/** German error pages for thrown responses (404, 403, …) and for crashes (500). */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  let title: string = de.errors.serverTitle;
  let text: string = de.errors.server;
  if (isRouteErrorResponse(error)) {
    const known = byStatus[error.status];
    if (known) ({ title, text } = known);
    // Thrown responses carry a German message for people (invariantResponse, forbidden()); Remix's
    // own refusals (`internal`, e.g. a method no route takes) carry an English one for developers.
    const fromRemix = (error as { internal?: boolean }).internal === true;
    if (typeof error.data === "string" && error.data.trim() && error.status < 500 && !fromRemix) text = error.data;
  } else if (typeof document !== "undefined") {
    console.error(error);
  }
  return (
    <div className="kern-stack page-narrow">
      <h1 className="kern-heading-large">{title}</h1>
      <p className="kern-body">{text}</p>
      <p>
        <a className="kern-link" href="/">
          {de.errors.backHome}
        </a>
      </p>
    </div>
  );
}
