/**
 * A small GraphQL document parser — enough of the language for the simulator to answer the
 * client's real query text field by field (aliases, arguments, variables, fragments, inline
 * fragments, block strings). No schema: the stored order objects are the schema.
 */

export type GraphqlValue =
  | { kind: "variable"; name: string }
  | { kind: "literal"; value: unknown }
  | { kind: "list"; values: GraphqlValue[] }
  | { kind: "object"; fields: Record<string, GraphqlValue> };

export interface FieldNode {
  kind: "field";
  alias: string | undefined;
  name: string;
  args: Record<string, GraphqlValue>;
  selections: SelectionNode[] | undefined;
  /** Came from an inline fragment on an untyped object: answered only when the object has it. */
  optional?: boolean;
}
export interface InlineFragmentNode {
  kind: "inlineFragment";
  typeCondition: string | undefined;
  selections: SelectionNode[];
}
export interface FragmentSpreadNode {
  kind: "fragmentSpread";
  name: string;
}
export type SelectionNode = FieldNode | InlineFragmentNode | FragmentSpreadNode;

export interface OperationNode {
  operation: "query" | "mutation";
  name: string | undefined;
  selections: SelectionNode[];
}
export interface GraphqlDocument {
  operations: OperationNode[];
  fragments: Map<string, { typeCondition: string; selections: SelectionNode[] }>;
}

export class GraphqlSyntaxError extends Error {
  override name = "GraphqlSyntaxError";
}

type Token = { type: "punct" | "name" | "string" | "number"; value: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/[\s,\uFEFF]/.test(ch)) {
      i += 1;
    } else if (ch === "#") {
      while (i < source.length && source[i] !== "\n") i += 1;
    } else if (source.startsWith("...", i)) {
      tokens.push({ type: "punct", value: "..." });
      i += 3;
    } else if ("{}()[]:=!$@".includes(ch)) {
      tokens.push({ type: "punct", value: ch });
      i += 1;
    } else if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      if (end < 0) throw new GraphqlSyntaxError("Unterminated block string");
      tokens.push({ type: "string", value: source.slice(i + 3, end).replace(/\\"""/g, '"""') });
      i = end + 3;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') j += source[j] === "\\" ? 2 : 1;
      if (j >= source.length) throw new GraphqlSyntaxError("Unterminated string");
      tokens.push({ type: "string", value: JSON.parse(source.slice(i, j + 1)) as string });
      i = j + 1;
    } else if (/[-0-9]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i));
      if (!match) throw new GraphqlSyntaxError(`Unexpected character "${ch}"`);
      tokens.push({ type: "number", value: match[0] });
      i += match[0].length;
    } else if (/[_A-Za-z]/.test(ch)) {
      const match = /^[_A-Za-z][_0-9A-Za-z]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ type: "name", value: match[0] });
      i += match[0].length;
    } else {
      throw new GraphqlSyntaxError(`Unexpected character "${ch}"`);
    }
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }
  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw new GraphqlSyntaxError("Unexpected end of document");
    this.position += 1;
    return token;
  }
  private isPunct(value: string): boolean {
    const token = this.peek();
    return token?.type === "punct" && token.value === value;
  }
  private expectPunct(value: string): void {
    const token = this.next();
    if (token.type !== "punct" || token.value !== value) {
      throw new GraphqlSyntaxError(`Expected "${value}", found "${token.value}"`);
    }
  }
  private name(): string {
    const token = this.next();
    if (token.type !== "name") throw new GraphqlSyntaxError(`Expected a name, found "${token.value}"`);
    return token.value;
  }

  document(): GraphqlDocument {
    const operations: OperationNode[] = [];
    const fragments: GraphqlDocument["fragments"] = new Map();
    while (this.peek()) {
      if (this.isPunct("{")) {
        operations.push({ operation: "query", name: undefined, selections: this.selectionSet() });
        continue;
      }
      const keyword = this.name();
      if (keyword === "fragment") {
        const name = this.name();
        if (this.name() !== "on") throw new GraphqlSyntaxError("Expected 'on' in fragment definition");
        const typeCondition = this.name();
        fragments.set(name, { typeCondition, selections: this.selectionSet() });
      } else if (keyword === "query" || keyword === "mutation") {
        const name = this.peek()?.type === "name" ? this.name() : undefined;
        if (this.isPunct("(")) this.skipVariableDefinitions();
        this.skipDirectives();
        operations.push({ operation: keyword, name, selections: this.selectionSet() });
      } else {
        throw new GraphqlSyntaxError(`Unsupported definition "${keyword}"`);
      }
    }
    return { operations, fragments };
  }

  private skipVariableDefinitions(): void {
    let depth = 0;
    do {
      const token = this.next();
      if (token.type === "punct" && token.value === "(") depth += 1;
      if (token.type === "punct" && token.value === ")") depth -= 1;
    } while (depth > 0);
  }

  private skipDirectives(): void {
    while (this.isPunct("@")) {
      this.next();
      this.name();
      if (this.isPunct("(")) this.arguments();
    }
  }

  private selectionSet(): SelectionNode[] {
    this.expectPunct("{");
    const selections: SelectionNode[] = [];
    while (!this.isPunct("}")) selections.push(this.selection());
    this.expectPunct("}");
    return selections;
  }

  private selection(): SelectionNode {
    if (this.isPunct("...")) {
      this.next();
      if (this.peek()?.type === "name" && this.peek()?.value !== "on") {
        return { kind: "fragmentSpread", name: this.name() };
      }
      let typeCondition: string | undefined;
      if (this.peek()?.value === "on") {
        this.next();
        typeCondition = this.name();
      }
      return { kind: "inlineFragment", typeCondition, selections: this.selectionSet() };
    }
    let name = this.name();
    let alias: string | undefined;
    if (this.isPunct(":")) {
      this.next();
      alias = name;
      name = this.name();
    }
    const args = this.isPunct("(") ? this.arguments() : {};
    this.skipDirectives();
    const selections = this.isPunct("{") ? this.selectionSet() : undefined;
    return { kind: "field", alias, name, args, selections };
  }

  private arguments(): Record<string, GraphqlValue> {
    this.expectPunct("(");
    const args: Record<string, GraphqlValue> = {};
    while (!this.isPunct(")")) {
      const name = this.name();
      this.expectPunct(":");
      args[name] = this.value();
    }
    this.expectPunct(")");
    return args;
  }

  private value(): GraphqlValue {
    const token = this.next();
    if (token.type === "punct" && token.value === "$") return { kind: "variable", name: this.name() };
    if (token.type === "string") return { kind: "literal", value: token.value };
    if (token.type === "number") return { kind: "literal", value: Number(token.value) };
    if (token.type === "name") {
      if (token.value === "true" || token.value === "false")
        return { kind: "literal", value: token.value === "true" };
      if (token.value === "null") return { kind: "literal", value: null };
      return { kind: "literal", value: token.value };
    }
    if (token.value === "[") {
      const values: GraphqlValue[] = [];
      while (!this.isPunct("]")) values.push(this.value());
      this.expectPunct("]");
      return { kind: "list", values };
    }
    if (token.value === "{") {
      const fields: Record<string, GraphqlValue> = {};
      while (!this.isPunct("}")) {
        const name = this.name();
        this.expectPunct(":");
        fields[name] = this.value();
      }
      this.expectPunct("}");
      return { kind: "object", fields };
    }
    throw new GraphqlSyntaxError(`Unexpected "${token.value}" in a value`);
  }
}

export function parseGraphql(source: string): GraphqlDocument {
  return new Parser(tokenize(source)).document();
}

export function resolveValue(value: GraphqlValue, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case "variable":
      return variables[value.name] ?? null;
    case "literal":
      return value.value;
    case "list":
      return value.values.map((v) => resolveValue(v, variables));
    case "object":
      return Object.fromEntries(
        Object.entries(value.fields).map(([k, v]) => [k, resolveValue(v, variables)]),
      );
  }
}

/** The fields of a selection set with fragment spreads and inline fragments flattened in. */
export function flattenFields(
  selections: readonly SelectionNode[],
  document: GraphqlDocument,
  typename: string | undefined,
): FieldNode[] {
  return selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === "field") return [selection];
    if (selection.kind === "fragmentSpread") {
      const fragment = document.fragments.get(selection.name);
      if (!fragment) throw new GraphqlSyntaxError(`Unknown fragment "${selection.name}"`);
      return flattenFields(fragment.selections, document, typename);
    }
    // Without a schema, an inline fragment applies when the stored object names the same type, or
    // when the object carries no __typename (its fields are then picked only when present).
    if (selection.typeCondition && typename && selection.typeCondition !== typename) return [];
    return flattenFields(selection.selections, document, typename).map((field) =>
      typename ? field : { ...field, optional: true },
    );
  });
}
