import net from "node:net";
import { forgetSingleton } from "../../app/server/singleton.server";

/**
 * A small SMTP server for tests (RFC 5321, just what nodemailer uses without
 * TLS and AUTH: EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT). It
 * keeps every message it accepted with 250. `beforeAccept` runs after the
 * message's final "." and before the answer: it can hold the answer back
 * (return a promise) or refuse the message (return a reply line such as
 * "451 4.3.0 Bitte später erneut versuchen").
 */

export type ReceivedMail = { from: string; to: string[]; raw: string };

export type TestSmtpServer = {
  url: string;
  /** Messages answered with 250, in order. */
  accepted: ReceivedMail[];
  /** Messages whose final "." arrived, answered or not. */
  received: ReceivedMail[];
  beforeAccept: ((mail: ReceivedMail) => Promise<string | void> | string | void) | null;
  close: () => Promise<void>;
};

/**
 * Starts the server and points the portal's mailer at it (SMTP_URL and the
 * origin the mails link to); restore() undoes both and closes the server.
 */
export async function smtpForMailer(origin: string): Promise<{ smtp: TestSmtpServer; restore: () => Promise<void> }> {
  const smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.PUBLIC_ORIGIN = origin;
  forgetSingleton("env");
  return {
    smtp,
    restore: async () => {
      delete process.env.SMTP_URL;
      delete process.env.PUBLIC_ORIGIN;
      forgetSingleton("env");
      await smtp.close();
    },
  };
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const sockets = new Set<net.Socket>();
  const state: TestSmtpServer = {
    url: "",
    accepted: [],
    received: [],
    beforeAccept: null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    socket.setEncoding("utf8");
    const reply = (line: string) => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };

    let buffer = "";
    let from = "";
    let to: string[] = [];
    let data: string[] | null = null;
    // Lines are handled one after another: an answer held back by beforeAccept holds the rest too.
    let queue = Promise.resolve();

    const handle = async (line: string) => {
      if (data) {
        if (line !== ".") {
          data.push(line.startsWith("..") ? line.slice(1) : line);
          return;
        }
        const mail: ReceivedMail = { from, to, raw: data.join("\r\n") };
        data = null;
        state.received.push(mail);
        const refusal = await state.beforeAccept?.(mail);
        if (refusal) return reply(refusal);
        state.accepted.push(mail);
        return reply("250 2.0.0 OK angenommen");
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === "EHLO") return reply("250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8");
      if (verb === "HELO") return reply("250 localhost");
      if (verb === "MAIL") {
        from = /<(.*)>/.exec(line)?.[1] ?? "";
        to = [];
        return reply("250 2.1.0 OK");
      }
      if (verb === "RCPT") {
        to.push(/<(.*)>/.exec(line)?.[1] ?? "");
        return reply("250 2.1.5 OK");
      }
      if (verb === "DATA") {
        if (to.length === 0) return reply("503 5.5.1 Kein Empfänger");
        data = [];
        return reply("354 Ende mit <CRLF>.<CRLF>");
      }
      if (verb === "RSET") {
        from = "";
        to = [];
        return reply("250 2.0.0 OK");
      }
      if (verb === "NOOP") return reply("250 2.0.0 OK");
      if (verb === "QUIT") {
        reply("221 2.0.0 Tschüss");
        socket.end();
        return;
      }
      reply("502 5.5.2 Unbekannter Befehl");
    };

    socket.on("data", (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        queue = queue.then(() => handle(line));
      }
    });
    reply("220 localhost ESMTP Testserver");
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}
