/**
 * Standard VAT rates (basis points) of the EU member states and Norway, with the date each rate
 * took effect, so an order is checked against the rate of its own date. Reduced rates are not
 * listed: an OSS or VOEC order whose own tax lines state a lower positive rate is accepted (and
 * flagged), because the shop platform knows the product's tax class and we do not.
 *
 * Sources: the European Commission's "VAT rates applied in the Member States" tables and the
 * national changes since 2020 (EE 2024/2025, FI 2024, LU 2023, RO 2025, SK 2025, and the
 * temporary 2020–21 cuts in DE and IE).
 */

interface RatePeriod {
  /** First day the rate applies, YYYY-MM-DD. */
  from: string;
  rate: number;
}

const STANDARD_RATES: Readonly<Record<string, readonly RatePeriod[]>> = {
  AT: [{ from: "2000-01-01", rate: 2000 }],
  BE: [{ from: "2000-01-01", rate: 2100 }],
  BG: [{ from: "2000-01-01", rate: 2000 }],
  HR: [{ from: "2013-07-01", rate: 2500 }],
  CY: [{ from: "2014-01-13", rate: 1900 }],
  CZ: [{ from: "2013-01-01", rate: 2100 }],
  DK: [{ from: "1992-01-01", rate: 2500 }],
  EE: [
    { from: "2009-07-01", rate: 2000 },
    { from: "2024-01-01", rate: 2200 },
    { from: "2025-07-01", rate: 2400 },
  ],
  FI: [
    { from: "2013-01-01", rate: 2400 },
    { from: "2024-09-01", rate: 2550 },
  ],
  FR: [{ from: "2014-01-01", rate: 2000 }],
  DE: [
    { from: "2007-01-01", rate: 1900 },
    { from: "2020-07-01", rate: 1600 },
    { from: "2021-01-01", rate: 1900 },
  ],
  GR: [{ from: "2016-06-01", rate: 2400 }],
  HU: [{ from: "2012-01-01", rate: 2700 }],
  IE: [
    { from: "2012-01-01", rate: 2300 },
    { from: "2020-09-01", rate: 2100 },
    { from: "2021-03-01", rate: 2300 },
  ],
  IT: [{ from: "2013-10-01", rate: 2200 }],
  LV: [{ from: "2011-01-01", rate: 2100 }],
  LT: [{ from: "2009-09-01", rate: 2100 }],
  LU: [
    { from: "2015-01-01", rate: 1700 },
    { from: "2023-01-01", rate: 1600 },
    { from: "2024-01-01", rate: 1700 },
  ],
  MT: [{ from: "2004-01-01", rate: 1800 }],
  NL: [{ from: "2012-10-01", rate: 2100 }],
  PL: [{ from: "2011-01-01", rate: 2300 }],
  PT: [{ from: "2011-01-01", rate: 2300 }],
  RO: [
    { from: "2017-01-01", rate: 1900 },
    { from: "2025-08-01", rate: 2100 },
  ],
  SK: [
    { from: "2011-01-01", rate: 2000 },
    { from: "2025-01-01", rate: 2300 },
  ],
  SI: [{ from: "2013-07-01", rate: 2200 }],
  ES: [{ from: "2012-09-01", rate: 2100 }],
  SE: [{ from: "1990-07-01", rate: 2500 }],
  NO: [{ from: "2005-01-01", rate: 2500 }],
};

/** The EU member states' ISO codes ("GR" for Greece), in alphabetical order. */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set(
  Object.keys(STANDARD_RATES)
    .filter((code) => code !== "NO")
    .sort(),
);

/** Greece uses "EL" as its VAT prefix; shops and addresses use ISO "GR". */
export function normalizeCountry(code: string): string {
  const upper = code.trim().toUpperCase();
  return upper === "EL" ? "GR" : upper;
}

export function isEuMember(countryCode: string): boolean {
  return EU_MEMBER_STATES.has(normalizeCountry(countryCode));
}

/** The standard rate in force on `date` (YYYY-MM-DD), or undefined for countries not listed. */
export function standardRate(countryCode: string, date: string): number | undefined {
  const periods = STANDARD_RATES[normalizeCountry(countryCode)];
  if (!periods) return undefined;
  let found: number | undefined;
  for (const period of periods) {
    if (period.from <= date) found = period.rate;
  }
  return found ?? periods[0]?.rate;
}
