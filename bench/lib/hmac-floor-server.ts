import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";

/**
 * The floor for the ingest benchmark: a bare node:http server that reads the body and checks
 * Shopify's HMAC, nothing else. Run as a child process (forked with IPC): it answers with
 * `{ port }` once listening. Whatever the app costs above this is the app's own work.
 */
const secret = process.env.LOCAL_WEBHOOK_SECRET ?? "local-demo-webhook-secret";

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] ?? ""));
    const expected = Buffer.from(createHmac("sha256", secret).update(body).digest("base64"));
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    res.writeHead(valid ? 200 : 401).end();
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
process.on("disconnect", () => process.exit(0));
