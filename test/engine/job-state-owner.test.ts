import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Job.status has one writer: app/engine/job-state.server.ts, along the table in job-state.ts.
 * This scans the shipped source (app/, cli/, server/) for anything else that writes it — a
 * Prisma update of a job whose data sets `status`, or raw SQL `UPDATE "Job" … SET … status` —
 * and for jobs created outside the queue's enqueue (a row inserted with any status it likes).
 */

const ROOT = path.resolve(import.meta.dirname, "../..");
const OWNER = "app/engine/job-state.server.ts";
/** Creating a job (in one of the initial states) is the queue's enqueue; every change after is a transition. */
const CREATOR = "app/engine/job-queue.server.ts";

interface Finding {
  kind: "write" | "create";
  line: number;
  text: string;
}

const UPDATES = new Set(["update", "updateMany", "upsert"]);
const CREATES = new Set(["create", "createMany", "createManyAndReturn"]);

/** Status writes and job creations in one source file. */
export function jobStatusWrites(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const findings: Finding[] = [];
  const report = (kind: Finding["kind"], node: ts.Node) =>
    findings.push({
      kind,
      line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      text: node.getText().split("\n")[0] ?? "",
    });
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const target = node.expression.expression;
      const onJob =
        (ts.isPropertyAccessExpression(target) && target.name.text === "job") ||
        (ts.isIdentifier(target) && target.text === "job");
      if (onJob && UPDATES.has(method) && setsStatus(node.arguments[0])) report("write", node);
      if (onJob && CREATES.has(method)) report("create", node);
    }
    if (ts.isTemplateLiteral(node) || ts.isStringLiteral(node)) {
      const sql = node.getText();
      if (rawStatusUpdate(sql)) report("write", node);
      if (/INSERT\s+INTO\s+"Job"/i.test(sql)) report("create", node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

/** Whether an update's argument sets status; an argument that is not written out counts as setting it. */
function setsStatus(argument: ts.Expression | undefined): boolean {
  if (!argument || !ts.isObjectLiteralExpression(argument)) return true;
  return argument.properties.some((property) => {
    if (ts.isSpreadAssignment(property)) return true;
    const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
    if (name !== "data" && name !== "update" && name !== "create") return false;
    return /\bstatus\b/.test(property.getText().replace(/^\w+\s*:/, ""));
  });
}

/** `UPDATE "Job" [AS j] SET …` whose SET list assigns status. */
function rawStatusUpdate(sql: string): boolean {
  for (const match of sql.matchAll(
    /UPDATE\s+"Job"(?:\s+AS\s+\w+)?\s+SET\b([\s\S]*?)(?=\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/gi,
  )) {
    if (/(^|[\s,."])status"?\s*=/i.test(match[1] ?? "")) return true;
  }
  return false;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("the job state owner", () => {
  const files = ["app", "cli", "server"].flatMap(sourceFiles);
  const scanned = files.map((file) => ({
    file,
    findings: jobStatusWrites(file, fs.readFileSync(path.join(ROOT, file), "utf8")),
  }));

  it("is the only code that writes Job.status", () => {
    const elsewhere = scanned.flatMap(({ file, findings }) =>
      file === OWNER
        ? []
        : findings.filter((f) => f.kind === "write").map((f) => `${file}:${f.line} ${f.text}`),
    );
    expect(elsewhere).toEqual([]);
    // The scan sees the owner's own writes: the claim statement and the transition's update.
    const own = scanned.find(({ file }) => file === OWNER)?.findings.filter((f) => f.kind === "write") ?? [];
    expect(own.length).toBeGreaterThanOrEqual(2);
  });

  it("leaves creating jobs to the queue's enqueue", () => {
    const elsewhere = scanned.flatMap(({ file, findings }) =>
      file === CREATOR
        ? []
        : findings.filter((f) => f.kind === "create").map((f) => `${file}:${f.line} ${f.text}`),
    );
    expect(elsewhere).toEqual([]);
    expect(scanned.find(({ file }) => file === CREATOR)?.findings.some((f) => f.kind === "create")).toBe(
      true,
    );
  });

  it("recognises the ways status used to be written outside the owner", () => {
    const writes = (code: string) => jobStatusWrites("x.ts", code).filter((f) => f.kind === "write").length;
    // Each of these was in the code before the state machine had an owner.
    expect(
      writes(`await db.job.updateMany({ where: { id, status: "queued" }, data: { status: "skipped" } });`),
    ).toBe(1);
    expect(writes(`await tx.job.updateMany({ where: { id }, data: { status: next, runAfter: now } });`)).toBe(
      1,
    );
    expect(writes(`await db.job.update({ where: { id }, data: { trigger, status: "queued" } });`)).toBe(1);
    expect(writes(`await db.job.updateMany(args);`)).toBe(1);
    expect(
      writes("await tx.$executeRaw`UPDATE \"Job\" SET status = 'queued', seq = 1 WHERE id = ${id}`;"),
    ).toBe(1);
    expect(
      writes(
        'await db.$executeRaw`UPDATE "Job"\n SET "runAfter" = now(),\n status = \'queued\' WHERE id = ${id}`;',
      ),
    ).toBe(1);
    expect(
      writes(`await db.$executeRawUnsafe('UPDATE "Job" AS j SET "status" = $1 WHERE id = $2', s, id);`),
    ).toBe(1);
    // Reading or filtering by status, and updating other columns, is anyone's.
    expect(
      writes(
        `await db.job.updateMany({ where: { id, status: { in: ["queued"] } }, data: { sourceOrder } });`,
      ),
    ).toBe(0);
    expect(writes(`await db.job.update({ where: { id }, data: { changedAfterTransfer: x } });`)).toBe(0);
    expect(
      writes('await db.$executeRaw`UPDATE "Job" SET "leaseExpiresAt" = now() WHERE status = \'running\'`;'),
    ).toBe(0);
    expect(writes(`await db.job.findMany({ where: { status: "failed" } });`)).toBe(0);
  });
});
