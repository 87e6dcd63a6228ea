import { GeneralErrorBoundary } from "~/components/error-boundary";
import { de } from "~/i18n/de";

/** Every unknown path: a German 404 inside the portal's layout. */
export async function loader() {
  throw new Response(de.errors.notFound, { status: 404 });
}

export async function action() {
  throw new Response(de.errors.notFound, { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
