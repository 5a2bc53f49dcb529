import { ledgerExactParts, type Charge } from "../charge";

/** How far one line's VAT may move from the shop's line figure to let a ledger reproduce it. */
const MAX_SHIFT = 2;

/**
 * Ledgers compute each line's VAT from its net (net × rate, rounded per line). A line whose
 * stated VAT no net can produce (a discount line carved out of the shop's after-discount tax,
 * say) would make the ledger's total differ from the order's by an øre, and the transfer would
 * stop. So, within one VAT rate, such a line's VAT is moved by a minor unit or two to a value its
 * net does produce, and the opposite unit goes to another line of the same rate that still books
 * exactly afterwards. The VAT per rate — what the VAT return reports — stays the order's own to
 * the minor unit; a line no such move can fix is left as the shop stated it.
 */
export function makeLedgerExact(charges: Charge[], pricesIncludeTax: boolean): number[] {
  const movedRates = new Set<number>();
  // Memoised: an order of many lines asks the same question of each line many times.
  const known = new Map<Charge, Map<number, boolean>>();
  const exact = (charge: Charge, vat: number) => {
    const answers = known.get(charge) ?? new Map<number, boolean>();
    known.set(charge, answers);
    let answer = answers.get(vat);
    if (answer === undefined) {
      answer = ledgerExactParts(charge, vat, pricesIncludeTax) !== undefined;
      answers.set(vat, answer);
    }
    return answer;
  };
  const rates = new Set(charges.filter((c) => c.rate > 0 && c.vat !== undefined).map((c) => c.rate));
  for (const rate of rates) {
    const atRate = charges.filter((c) => c.rate === rate && c.vat !== undefined);
    for (const a of atRate) {
      if (exact(a, a.vat ?? 0)) continue;
      const stillInexact = atRate.filter((b) => b !== a && !exact(b, b.vat ?? 0));
      const others = [...stillInexact, ...atRate.filter((b) => b !== a && !stillInexact.includes(b))];
      search: for (let size = 1; size <= MAX_SHIFT; size++) {
        for (const delta of [size, -size]) {
          const va = (a.vat ?? 0) + delta;
          if (!exact(a, va)) continue;
          for (const b of others) {
            const vb = (b.vat ?? 0) - delta;
            if (!exact(b, vb)) continue;
            a.vat = va;
            b.vat = vb;
            movedRates.add(rate);
            break search;
          }
        }
      }
    }
  }
  return [...movedRates];
}

/**
 * A single unit whose gross no net reaches at its stated VAT (413.52 with 82.70 at 25 %: 330.82
 * gives 82.71, 330.81 gives 413.51) cannot book exactly by moving VAT alone, and an item is never
 * split into more units. On a credit note such a line gives a minor unit of its amount to another
 * line of the same rate and treatment that still books exactly afterwards, its VAT unchanged: the
 * credit note's gross and VAT per rate stay the refund's to the minor unit, and the ledger
 * computes them line by line. Returns the rates where amounts moved.
 *
 * Only for credit notes: an invoice's lines are the order's, and its gross is the order total.
 */
export function moveAmountsToLedgerExact(charges: Charge[], pricesIncludeTax: boolean): number[] {
  const moved = new Set<number>();
  const exactAt = (charge: Charge, amount: number) =>
    ledgerExactParts({ ...charge, amount }, charge.vat ?? 0, pricesIncludeTax) !== undefined;
  const taxed = charges.filter((c) => c.rate > 0 && c.vat !== undefined);
  for (const a of taxed) {
    if (exactAt(a, a.amount)) continue;
    const partners = taxed.filter((b) => b !== a && b.rate === a.rate && b.treatment === a.treatment);
    search: for (let size = 1; size <= MAX_SHIFT; size++) {
      for (const delta of [-size, size]) {
        if (!exactAt(a, a.amount + delta)) continue;
        for (const b of partners) {
          // A part never crosses to the other side of zero: a credit stays a credit.
          const rest = b.amount - delta;
          if (Math.sign(rest) * Math.sign(b.amount) < 0 || !exactAt(b, rest)) continue;
          a.amount += delta;
          b.amount = rest;
          moved.add(a.rate);
          break search;
        }
      }
    }
    if (exactAt(a, a.amount)) continue;
    // No line of the rate can take the unit: the line books the nearest amount that carries its
    // VAT exactly, and the credit note's rounding line takes the minor unit — the gross a ledger
    // cannot represent at this rate, which is what a rounding line is for.
    const nearest = [-1, 1, -2, 2].find((delta) => exactAt(a, a.amount + delta));
    if (nearest !== undefined) {
      a.amount += nearest;
      moved.add(a.rate);
    }
  }
  return [...moved];
}
