/** A small HTTP client for integration tests that behaves like a browser form post. */
export class PortalClient {
  cookie: string | null = null;
  constructor(readonly origin: string) {}

  async get(path: string, init: RequestInit = {}) {
    return this.request(path, { ...init, method: "GET" });
  }

  /** POSTs a urlencoded form with the portal's own Origin (override with headers.origin). */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request(path, {
      method: "POST",
      body: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.origin, ...headers },
    });
  }

  async request(path: string, init: RequestInit) {
    const headers = new Headers(init.headers);
    if (this.cookie && !headers.has("cookie")) headers.set("cookie", this.cookie);
    const res = await fetch(`${this.origin}${path}`, { ...init, headers, redirect: "manual" });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const [name, value] = pair.split("=");
      if (name === "ag_session") this.cookie = value ? `ag_session=${value}` : null;
    }
    return res;
  }

  async login(email: string, password: string) {
    const res = await this.post("/anmelden", { email, password });
    if (res.status !== 302 || !this.cookie) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return res;
  }
}
