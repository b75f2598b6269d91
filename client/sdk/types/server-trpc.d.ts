// What the package's declarations say the server's tRPC context and procedure meta are. A client
// never sees either (they type `ctx` and `meta` inside the server), and the real ones name the
// database, the logger, the mailer and the OpenAPI generator, whose types a consumer does not
// have. See rolldown.config.ts.
export type Context = object;
export type ProcedureMeta = object;
