// Without DATABASE_URL the Prisma CLI silently falls back to the binary engine and tries to
// download it, which cannot work offline; the placeholder keeps it on the JS engine while the
// adapter below decides where the data really lives.
process.env.DATABASE_URL ??= "postgresql://pglite/embedded";

import path from "node:path";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  // Loaded on demand and connecting lazily: `prisma generate` and `prisma -v` (run by npm ci)
  // must never open the database, whatever state data/pglite is in.
  async adapter() {
    const { prismaCliAdapter } = await import("./app/db/prisma-cli-adapter.server");
    return prismaCliAdapter();
  },
});
