/**
 * e-conomic's collection filter language: `field$op:value` predicates joined by `$and:` / `$or:`,
 * grouped with parentheses, with `$`-escapes in values (`$$ $( $) $* $,`) and `$null:` as a
 * value. String comparison is case-insensitive; `$like:` takes `*` wildcards and means
 * "contains" when there are none. Per the live findings, `[`/`]` are literal with `$eq:`.
 */

export type FilterOperator = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "like" | "in" | "nin";

/** A value segment; `wildcard` marks an unescaped `*` (meaningful to `$like:` only). */
type ValuePart = { text: string } | { wildcard: true };

export type FilterNode =
  | { type: "predicate"; field: string; operator: FilterOperator; value: ValuePart[] | null }
  | { type: "and" | "or"; left: FilterNode; right: FilterNode };

export class FilterSyntaxError extends Error {
  override name = "FilterSyntaxError";
}

const OPERATORS: FilterOperator[] = ["gte", "lte", "like", "nin", "eq", "ne", "gt", "lt", "in"];

export function parseFilter(text: string): FilterNode {
  const parser = new Parser(text);
  const node = parser.parseOr();
  if (!parser.done()) throw new FilterSyntaxError(`Unexpected "${text.slice(parser.position)}"`);
  return node;
}

/** Fields used by the expression, for the allowed-field check. */
export function filterFields(node: FilterNode): string[] {
  return node.type === "predicate" ? [node.field] : [...filterFields(node.left), ...filterFields(node.right)];
}

export function matchesFilter(node: FilterNode, record: Record<string, unknown>): boolean {
  if (node.type !== "predicate") {
    return node.type === "and"
      ? matchesFilter(node.left, record) && matchesFilter(node.right, record)
      : matchesFilter(node.left, record) || matchesFilter(node.right, record);
  }
  const actual = readPath(record, node.field);
  if (node.value === null) return node.operator === "ne" ? actual != null : actual == null;
  const expected = node.value.map((part) => ("text" in part ? part.text : "*")).join("");
  switch (node.operator) {
    case "eq":
      return equals(actual, expected);
    case "ne":
      return !equals(actual, expected);
    case "gt":
    case "gte":
    case "lt":
    case "lte":
      return compare(actual, expected, node.operator);
    case "like":
      return typeof actual === "string" && likePattern(node.value).test(actual);
    case "in":
    case "nin": {
      const list = expected
        .replace(/^\[|\]$/g, "")
        .split(",")
        .map((item) => item.trim());
      const found = list.some((item) => equals(actual, item));
      return node.operator === "in" ? found : !found;
    }
  }
}

function readPath(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function equals(actual: unknown, expected: string): boolean {
  if (typeof actual === "number") return actual === Number(expected);
  if (typeof actual === "boolean") return String(actual) === expected.toLowerCase();
  if (typeof actual === "string") return actual.toLowerCase() === expected.toLowerCase();
  return false;
}

function compare(actual: unknown, expected: string, operator: "gt" | "gte" | "lt" | "lte"): boolean {
  let order: number;
  if (typeof actual === "number") order = actual - Number(expected);
  else if (typeof actual === "string") order = actual.toLowerCase().localeCompare(expected.toLowerCase());
  else return false;
  return operator === "gt"
    ? order > 0
    : operator === "gte"
      ? order >= 0
      : operator === "lt"
        ? order < 0
        : order <= 0;
}

function likePattern(parts: ValuePart[]): RegExp {
  const hasWildcard = parts.some((part) => "wildcard" in part);
  const body = parts
    .map((part) => ("text" in part ? part.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : ".*"))
    .join("");
  return new RegExp(hasWildcard ? `^${body}$` : body, "i");
}

class Parser {
  position = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position >= this.text.length;
  }

  parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.consume("$or:")) left = { type: "or", left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parsePrimary();
    while (this.consume("$and:")) left = { type: "and", left, right: this.parsePrimary() };
    return left;
  }

  private parsePrimary(): FilterNode {
    if (this.consume("(")) {
      const inner = this.parseOr();
      if (!this.consume(")")) throw new FilterSyntaxError("Missing )");
      return inner;
    }
    const dollar = this.text.indexOf("$", this.position);
    if (dollar <= this.position) throw new FilterSyntaxError("Expected a property name");
    const field = this.text.slice(this.position, dollar);
    this.position = dollar + 1;
    const operator = OPERATORS.find((candidate) => this.text.startsWith(`${candidate}:`, this.position));
    if (!operator) throw new FilterSyntaxError(`Unknown operator after "${field}"`);
    this.position += operator.length + 1;
    return { type: "predicate", field, operator, value: this.parseValue() };
  }

  private parseValue(): ValuePart[] | null {
    if (this.consume("$null:")) return null;
    const parts: ValuePart[] = [];
    let text = "";
    while (!this.done()) {
      const char = this.text[this.position] as string;
      if (char === ")") break;
      if (char === "$") {
        if (this.text.startsWith("$and:", this.position) || this.text.startsWith("$or:", this.position))
          break;
        const escaped = this.text[this.position + 1];
        if (escaped === undefined || !"$()*,".includes(escaped)) {
          throw new FilterSyntaxError(`Invalid escape at ${this.position}`);
        }
        text += escaped;
        this.position += 2;
        continue;
      }
      if (char === "*") {
        if (text) parts.push({ text });
        text = "";
        parts.push({ wildcard: true });
      } else text += char;
      this.position++;
    }
    if (text) parts.push({ text });
    return parts;
  }

  private consume(token: string): boolean {
    if (!this.text.startsWith(token, this.position)) return false;
    this.position += token.length;
    return true;
  }
}
