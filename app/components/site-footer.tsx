import { Link } from "@remix-run/react";
import { de } from "~/i18n/de";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="kern-container site-footer__inner">
        <nav aria-label={de.footer.label}>
          <ul className="site-footer__links">
            <li><Link className="kern-link" to="/impressum">{de.footer.imprint}</Link></li>
            <li><Link className="kern-link" to="/datenschutz">{de.footer.privacy}</Link></li>
            <li><Link className="kern-link" to="/barrierefreiheit">{de.footer.accessibility}</Link></li>
          </ul>
        </nav>
        <p className="kern-body kern-body--small">
          {de.portal.name} · {de.footer.license}
        </p>
      </div>
    </footer>
  );
}
