// What a draft's preview points out to the merchant (a tip booked without VAT, a rounding line,
// a refund without money…), by key and parameters. Keys start with "preview.warning."; Danish
// must cover every English key.
export const previewWarningsEn = {
  "preview.warning.cancelled": "The order was cancelled on {date}",
  "preview.warning.testOrder": "This is a test order",
  "preview.warning.splitForLedgerRounding":
    "{line}: booked as {count} lines so that a ledger rounding VAT per line arrives at the shop's VAT",
  "preview.warning.openTerms":
    "Paid through {gateways}: the invoice stays open with {days} days' payment terms and no payment is registered",
  "preview.warning.ruleAccount": "{line}: account {account} because {field} = {value} (rule {rule})",
  "preview.warning.ruleSkip": "Not transferred: rule {rule} skips orders where {field} = {value}",
  "preview.warning.singleCustomer": "Booked on the fixed customer {name} (setting for {type})",
  "preview.warning.paymentsUnknown":
    "Paid through {gateways} but the order has no transactions; register the payments when they are known",
  "preview.warning.overpaid": "Payments of {paid} exceed the invoice total {total}",
  "preview.warning.vatMovedOnInvoice":
    "VAT at {rate} % moved by an øre between lines so that a ledger rounding each line arrives at the shop's VAT; the VAT per rate is the shop's",
  "preview.warning.vatMovedOnCredit":
    "VAT at {rate} % laid out with an øre moved between lines so that a ledger rounding each line arrives at the refund's VAT; the gross and VAT per rate are the refund's",
  "preview.warning.tip":
    "Tip of {amount} {currency} booked on its own line without VAT (account {account}): a tip is no payment for goods or services",
  "preview.warning.rounding": "Rounding line of {amount} added to match the total",
  "preview.warning.rounding.perLine":
    "{line}: the ledger computes VAT on each line, and no amount excl. VAT gives {from} with the shop's VAT at {rate} %. The line is booked at {to}, and a VAT-free rounding line of {rounding} keeps the order total.",
  "preview.warning.rounding.perDocumentRate":
    "The ledger computes VAT at {rate} % once on the document's amount excl. VAT, and {from} would give {ledgerVat} instead of the shop's {vat}. {line} is booked so that the amount excl. VAT is {to}, and a VAT-free rounding line of {rounding} keeps the total.",
  "preview.warning.reducedRate":
    "{field}: reduced rate {rate} % taken from the order (standard rate in {country} is {standard} %)",
  "preview.warning.noRefundMoney":
    "No money was refunded with this refund; the credit note has no refund payment",
  "preview.warning.refundDuties": "The refund includes duties; they are not credited",
  "preview.warning.lineLeftOut": "{field}: quantity 0, left out",
  "preview.warning.dutiesFee": "Import duties collected at checkout are booked as a VAT-free fee line",
  "preview.warning.transactionOtherCurrency":
    "{field}: transaction in {currency} left out; the document is in {document}",
  "preview.warning.refundsEachCredited": "The order has {count} refund(s); each becomes its own credit note",
  "preview.warning.refundedOutsideGateway":
    "Refunded outside the payment gateway; register the repayment by hand",
  "preview.warning.storeCreditIssued":
    "{amount} {currency} of this refund was issued as store credit: credited like money returned, booked on the gift-card liability account",
} as const;

export type PreviewWarningKey = keyof typeof previewWarningsEn;

export const previewWarningsDa: Record<PreviewWarningKey, string> = {
  "preview.warning.cancelled": "Ordren blev annulleret den {date}",
  "preview.warning.testOrder": "Dette er en testordre",
  "preview.warning.splitForLedgerRounding":
    "{line}: bogført som {count} linjer, så et regnskabsprogram, der afrunder momsen pr. linje, når frem til butikkens moms",
  "preview.warning.openTerms":
    "Betalt med {gateways}: fakturaen står åben med {days} dages betalingsfrist, og der registreres ingen betaling",
  "preview.warning.ruleAccount": "{line}: konto {account} fordi {field} = {value} (regel {rule})",
  "preview.warning.ruleSkip": "Overføres ikke: regel {rule} springer ordrer over, hvor {field} = {value}",
  "preview.warning.singleCustomer": "Bogført på den faste kunde {name} (indstilling for {type})",
  "preview.warning.paymentsUnknown":
    "Betalt via {gateways}, men ordren har ingen transaktioner; registrér betalingerne, når de kendes",
  "preview.warning.overpaid": "Betalinger på {paid} overstiger fakturaens total på {total}",
  "preview.warning.vatMovedOnInvoice":
    "Momsen til {rate} % er flyttet en øre mellem linjerne, så et regnskabsprogram, der afrunder hver linje, når frem til butikkens moms; momsen pr. sats er butikkens",
  "preview.warning.vatMovedOnCredit":
    "Momsen til {rate} % er lagt ud med en øre flyttet mellem linjerne, så et regnskabsprogram, der afrunder hver linje, når frem til refusionens moms; beløb og moms pr. sats er refusionens",
  "preview.warning.tip":
    "Drikkepenge på {amount} {currency} bogført på egen linje uden moms (konto {account}): drikkepenge er ikke betaling for varer eller ydelser",
  "preview.warning.rounding": "Afrundingslinje på {amount} tilføjet, så totalen stemmer",
  "preview.warning.rounding.perLine":
    "{line}: regnskabsprogrammet beregner momsen på hver linje, og intet beløb ekskl. moms giver {from} med butikkens moms ved {rate} %. Linjen bogføres til {to}, og en momsfri afrundingslinje på {rounding} holder ordrens total.",
  "preview.warning.rounding.perDocumentRate":
    "Regnskabsprogrammet beregner momsen ved {rate} % én gang af bilagets beløb ekskl. moms, og {from} ville give {ledgerVat} i stedet for butikkens {vat}. {line} bogføres, så beløbet ekskl. moms bliver {to}, og en momsfri afrundingslinje på {rounding} holder totalen.",
  "preview.warning.reducedRate":
    "{field}: nedsat sats {rate} % taget fra ordren (normalsatsen i {country} er {standard} %)",
  "preview.warning.noRefundMoney":
    "Der blev ikke betalt penge tilbage med denne refusion; kreditnotaen har ingen tilbagebetaling",
  "preview.warning.refundDuties": "Refusionen omfatter told; tolden krediteres ikke",
  "preview.warning.lineLeftOut": "{field}: antal 0, udeladt",
  "preview.warning.dutiesFee": "Told opkrævet ved betalingen bogføres som en gebyrlinje uden moms",
  "preview.warning.transactionOtherCurrency":
    "{field}: transaktion i {currency} udeladt; bilaget er i {document}",
  "preview.warning.refundsEachCredited": "Ordren har {count} refusion(er); hver bliver sin egen kreditnota",
  "preview.warning.refundedOutsideGateway":
    "Refunderet uden om betalingsløsningen; registrér tilbagebetalingen manuelt",
  "preview.warning.storeCreditIssued":
    "{amount} {currency} af denne refusion blev udstedt som tilgodehavende: krediteret som tilbagebetalte penge, bogført på gavekortkontoen (forpligtelse)",
};
