/**
 * Builds a Dinero `queryFilter` condition: `Field eq 'value'`, matched case-insensitively. Values are
 * quoted; a quote inside a value is doubled (the OData convention — Dinero does not document
 * escaping, and e-mail addresses may legally contain apostrophes).
 */
export function equalsFilter(field: string, value: string): string {
  return `${field} eq '${value.replace(/'/g, "''")}'`;
}
