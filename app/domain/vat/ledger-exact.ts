import { ledgerExactParts, type Charge } from "../charge";
import { searchRadius, type RoundingMove } from "./ledger-rounding";

/** How far one line's VAT may move from the shop's line figure to let a ledger reproduce it. */
const MAX_SHIFT = 2;
/**
 * How far the inexact line's own VAT may move in all, spread over other lines of the rate: a
 * discount line carved out of many lines' tax can sit three or more minor units from any VAT its
 * net produces.
 */
const MAX_TOTAL_SHIFT = 6;

/**
 * Ledgers compute each line's VAT from its net (net × rate, rounded per line). A line whose
 * stated VAT no net can produce (a discount line carved out of the shop's after-discount tax,
 * say) would make the ledger's total differ from the order's by an øre, and the transfer would
 * stop. So, within one VAT rate, such a line's VAT is moved by a few minor units to a value its
 * net does produce, and the opposite units go to other lines of the same rate (at most
 * `MAX_SHIFT` each) that still book exactly afterwards. The VAT per rate — what the VAT return
 * reports — stays the order's own to the minor unit; a line no such move can fix is left as the
 * shop stated it.
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
      search: for (let size = 1; size <= MAX_TOTAL_SHIFT; size++) {
        for (const delta of [size, -size]) {
          if (!exact(a, (a.vat ?? 0) + delta)) continue;
          const takers = spread(-delta, others, (b, vat) => exact(b, vat));
          if (!takers) continue;
          a.vat = (a.vat ?? 0) + delta;
          for (const [b, taken] of takers) b.vat = (b.vat ?? 0) + taken;
          movedRates.add(rate);
          break search;
        }
      }
    }
  }
  return [...movedRates];
}

/**
 * Gives `amount` minor units of VAT to lines of `others`, at most `MAX_SHIFT` each, so that every
 * line that takes some still books exactly; undefined when they cannot take it all.
 */
function spread(
  amount: number,
  others: readonly Charge[],
  exactAt: (charge: Charge, vat: number) => boolean,
): Map<Charge, number> | undefined {
  const step = Math.sign(amount);
  let rest = Math.abs(amount);
  const takers = new Map<Charge, number>();
  for (const b of others) {
    if (rest === 0) break;
    for (let take = Math.min(rest, MAX_SHIFT); take >= 1; take--) {
      if (!exactAt(b, (b.vat ?? 0) + step * take)) continue;
      takers.set(b, step * take);
      rest -= take;
      break;
    }
  }
  return rest === 0 ? takers : undefined;
}

/**
 * A single unit whose gross no net reaches at its stated VAT (413.52 with 82.70 at 25 %: 330.82
 * gives 82.71, 330.81 gives 413.51) cannot book exactly by moving VAT alone, and an item is never
 * split into more units. On a credit note (`partners`) such a line first gives a minor unit of
 * its amount to another line of the same rate and treatment that still books exactly afterwards,
 * its VAT unchanged: the gross and VAT per rate stay the refund's, and the ledger computes them
 * line by line. Where no line can take it — and always on an invoice, whose lines are what the
 * customer paid for each — the line books the nearest gross that carries its VAT exactly, and
 * the caller's rounding line (VAT-free, within the tolerance) takes the minor unit: the gross a
 * ledger rounding per line cannot represent, which is what a rounding line is for.
 */
export function moveAmountsToLedgerExact(
  charges: Charge[],
  pricesIncludeTax: boolean,
  options: { partners: boolean },
): RoundingMove[] {
  const moves: RoundingMove[] = [];
  const exactAt = (charge: Charge, amount: number) =>
    ledgerExactParts({ ...charge, amount }, charge.vat ?? 0, pricesIncludeTax) !== undefined;
  const taxed = charges.filter((c) => c.rate > 0 && c.vat !== undefined);
  for (const a of taxed) {
    if (exactAt(a, a.amount)) continue;
    const from = a.amount;
    const partners = options.partners
      ? taxed.filter((b) => b !== a && b.rate === a.rate && b.treatment === a.treatment)
      : [];
    search: for (let size = 1; size <= MAX_SHIFT; size++) {
      for (const delta of [-size, size]) {
        if (!exactAt(a, a.amount + delta)) continue;
        for (const b of partners) {
          // A part never crosses to the other side of zero: a credit stays a credit.
          const rest = b.amount - delta;
          if (Math.sign(rest) * Math.sign(b.amount) < 0 || !exactAt(b, rest)) continue;
          a.amount += delta;
          b.amount = rest;
          moves.push({ rate: a.rate, description: a.description, from, to: a.amount, partner: true });
          break search;
        }
      }
    }
    if (exactAt(a, a.amount)) continue;
    // The nearest such gross: a stated VAT far from its amount's own (shipping folded into items
    // brings its VAT separately) can sit several minor units away; the tolerance bounds it.
    const radius = searchRadius(a.rate);
    const nearest = Array.from(
      { length: 2 * radius },
      (_, i) => (i % 2 === 0 ? -1 : 1) * (1 + (i >> 1)),
    ).find((delta) => exactAt(a, a.amount + delta));
    if (nearest !== undefined) {
      a.amount += nearest;
      moves.push({ rate: a.rate, description: a.description, from, to: a.amount, partner: false });
    }
  }
  return moves;
}
