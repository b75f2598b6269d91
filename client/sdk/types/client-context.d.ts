// What the package's declarations say the server's tRPC context is. A client never sees the
// context (it types `ctx` inside procedures), and the real one names the database, the logger and
// the mailer, whose types a consumer does not have. See rolldown.config.ts.
export type Context = object;
