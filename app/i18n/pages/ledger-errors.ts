// What went wrong in an accounting system (ledger), as the merchant reads it. Keys start with
// "ledgerError."; {ledger} is the ledger's name, {reason} the ledger's own words, {status} the
// HTTP status. Danish must cover every English key.
export const ledgerErrorsEn = {
  "ledgerError.noDetails": "no details given",
  "ledgerError.rateLimited":
    "{ledger} asked us to slow down. The transfer continues automatically in a moment.",
  "ledgerError.unavailable":
    "{ledger} is not responding properly right now. The transfer will be retried automatically.",
  "ledgerError.retiring":
    "{ledger} is retiring an endpoint this app uses. Update Ledger Bridge; the transfer will be retried.",
  "ledgerError.timeout": "{ledger} did not answer in time. The transfer will be retried automatically.",
  "ledgerError.network": "Could not reach {ledger}. The transfer will be retried automatically.",
  "ledgerError.unexpectedStatus":
    "{ledger} gave an unexpected answer (HTTP {status}). Try again later; contact support if it keeps happening.",
  "ledgerError.unreadable":
    "{ledger} sent an answer we could not read. Check the document in {ledger} before retrying.",
  "ledgerError.unknownRequest":
    "{ledger} did not recognise our request. Please contact Ledger Bridge support.",
  "ledgerError.refused":
    "{ledger} refused the data: {reason}. Correct it in the order, in {ledger} or in the {ledger} settings in Ledger Bridge, then retry the transfer.",
  "ledgerError.notFound":
    "{ledger} could not find the document or record: it was not found there (it may have been deleted in {ledger}).",
  "ledgerError.duplicate":
    "{ledger} already has this record ({reason}). Check the document in {ledger} before retrying.",
  "ledgerError.existingUsed": "This record already exists in {ledger}; the existing one is used.",
  "ledgerError.changedMeanwhile":
    "The document was changed in {ledger} at the same time. Retry the transfer to use the latest version.",
  "ledgerError.numberTaken":
    "That invoice number is already used in {ledger}. Turn off fixed invoice numbers in Settings, or fix the numbering in {ledger}, then retry.",
  "ledgerError.alreadyBooked": "The document is already booked in {ledger}.",
  "ledgerError.tooLarge": "The file is larger than {ledger} accepts ({limit}).",
  "ledgerError.amountPrecision":
    "{ledger} accepts at most {decimals} decimals, but the amount {amount} has more. Round the price in the shop.",
  "ledgerError.amountUnreadable":
    "{ledger} reported the amount {amount}, which {currency} cannot hold. Check the document in {ledger} before retrying.",
  "ledgerError.dinero.unauthorized": "Dinero no longer accepts our access. Reconnect Dinero in Settings.",
  "ledgerError.dinero.noAccess":
    "The connected Dinero login has no access to this organisation. Reconnect Dinero in Settings with a user who can open it.",
  "ledgerError.dinero.noPro":
    "Your Dinero organisation has no active Pro subscription, which Dinero requires for integrations. Upgrade to Dinero Pro or Total, then try again.",
  "ledgerError.dinero.badClient":
    "Dinero rejected the client ID or client secret. Check them in Settings, or reconnect Dinero.",
  "ledgerError.dinero.apiKey":
    "Dinero rejected the API key. Create a new API key in Dinero and enter it in Settings.",
  "ledgerError.dinero.loginExpired":
    "Your Dinero login has expired or was revoked. Reconnect Dinero in Settings.",
  "ledgerError.dinero.connectFailed":
    "Connecting to Dinero failed. Start the connection again from Settings.",
  "ledgerError.billy.unauthorized":
    "Billy rejected the access token. Create a new access token in Billy under Settings → Access tokens and reconnect Billy in Settings.",
  "ledgerError.billy.forbidden":
    "Billy refused access to this company with the saved access token. Check that the token belongs to the right company, then reconnect Billy in Settings.",
  "ledgerError.economic.unauthorized":
    "e-conomic rejected Ledger Bridge's access: the agreement grant is wrong or has been revoked. Reconnect e-conomic in Settings.",
  "ledgerError.economic.forbidden":
    "e-conomic denied access: the user who connected Ledger Bridge lacks the rights or modules this needs. Reconnect e-conomic in Settings as an administrator.",
  "ledgerError.dynaccount.credentials":
    "Dynaccount rejected the API credentials. Copy the API ID, API key and API secret again from Administration > Virksomheder in Dynaccount and reconnect Dynaccount in Settings.",
  // Dinero's adapter
  "ledgerError.connectionIncomplete":
    "The {ledger} connection is incomplete. Connect {ledger} again in Settings.",
  "ledgerError.kindMixup": "Ledger Bridge mixed up an invoice and a credit note. Contact support.",
  "ledgerError.referenceTooLong":
    "The document reference is longer than {ledger}'s {max} characters. Contact support.",
  "ledgerError.dinero.chooseOrganisation": "Choose which Dinero organisation to transfer to in Settings.",
  "ledgerError.dinero.loginServiceUnreadable":
    "Dinero's login service returned an unexpected answer. Try connecting again.",
  "ledgerError.dinero.organisationUnreachable":
    "The connected Dinero login cannot open the chosen organisation. Reconnect Dinero or choose another organisation in Settings.",
  "ledgerError.dinero.proRequired":
    "Dinero only opens its API to organisations with a Pro or Total subscription. Upgrade in Dinero, then connect again.",
  "ledgerError.dinero.amountMismatch":
    "Dinero calculated a {what} of {theirs} for \"{description}\", but the order's {what} is {ours}. Dinero takes VAT from each line's account: check the VAT code of the accounts chosen in Settings. The {document} was left as an unbooked draft.",
  "ledgerError.dinero.noDkkValue":
    "Dinero did not report the DKK value of this {document}, so the payment could not be converted. Register it in Dinero by hand.",
  "ledgerError.dinero.notAnAccount":
    '"{account}" is not a Dinero account number. Choose the accounts again in Settings.',
  "ledgerError.word.invoice": "invoice",
  "ledgerError.word.creditNote": "credit note",
  "ledgerError.word.total": "total",
  "ledgerError.word.vat": "VAT",
  "ledgerError.word.order": "order",
  "ledgerError.word.refund": "refund",
  // Dynaccount's adapter
  "ledgerError.dynaccount.noLockedNumber":
    "Dynaccount numbers invoices itself, so the order number cannot be used as invoice number. Turn that option off in Settings.",
  "ledgerError.dynaccount.noMatchValue":
    "The order has no customer {field} to find the customer in Dynaccount by. Change the customer matching setting or complete the customer in the shop.",
  "ledgerError.dynaccount.noDebtorGroupNamed":
    'Dynaccount has no debtor group named "{group}". Create it in Dynaccount or change the debtor group in Settings.',
  "ledgerError.dynaccount.noDebtorGroup":
    "Dynaccount has no debtor group yet. Create one (Debitorer > Grupper) and retry the transfer.",
  "ledgerError.invalidDate": 'The date "{date}" is not a valid date.',
  "ledgerError.mustBeBooked": "The {document} must be booked in {ledger} before we can {action} it.",
  "ledgerError.action.credit": "credit",
  "ledgerError.action.email": "e-mail",
  "ledgerError.dynaccount.currencyDiffers":
    "The refund is in {refundCurrency} but Dynaccount invoice {invoice} is in {invoiceCurrency}. Book the refund manually.",
  "ledgerError.dynaccount.totalMismatch":
    "Dynaccount calculated {theirs} for {header}, but the shop total is {ours}, so nothing was booked. Check the VAT codes and prices of the order's lines.",
  "ledgerError.alreadyHasDocument":
    "{ledger} already has this {document}{number}, so it was not created twice.",
  "ledgerError.dynaccount.noLines":
    "The document has no lines, so there is nothing to transfer to Dynaccount.",
  "ledgerError.dynaccount.noVatCode":
    "Dynaccount has no Danish VAT code for {percent} %. Check the VAT settings of the order's products.",
  "ledgerError.paymentNeedsBooking": "The {document} must be booked before a payment can be registered.",
  "ledgerError.paymentNotPositive": "The payment amount must be positive.",
  "ledgerError.dynaccount.rowIncomplete": "Dynaccount did not return the {document}'s number and customer.",
  // e-conomic's adapter
  "ledgerError.economic.vatZones": "e-conomic's VAT zones (domestic, EU, abroad) could not be recognised.",
  "ledgerError.economic.noCustomerGroups":
    "The e-conomic agreement has no customer groups. Create one in e-conomic first.",
  "ledgerError.economic.noPaymentTermsDays":
    'e-conomic has no payment terms "net {days} days". Create them in e-conomic (Settings → Payment terms) and retry.',
  "ledgerError.economic.noNetPaymentTerms":
    "e-conomic has no net payment terms. Create some in e-conomic first.",
  "ledgerError.economic.noLayout": "e-conomic has no invoice layout. Create one in e-conomic first.",
  "ledgerError.economic.noProductGroup":
    "No e-conomic product group books sales to account {account}. In e-conomic, create a product group whose sales account is {account}, or choose another account in Ledger Bridge.",
  "ledgerError.economic.noPaymentJournal":
    "e-conomic has no journal (kassekladde) that accepts customer payments.",
  "ledgerError.economic.noAccountingYear":
    "e-conomic has no accounting year for {date}. Create it in e-conomic and retry.",
  "ledgerError.economic.yearClosed":
    "e-conomic's accounting year {year} is closed, so a payment on {date} cannot be entered.",
  "ledgerError.economic.productNotPrepared":
    "Product {sku} was not prepared in e-conomic before the invoice. Retry the transfer.",
  "ledgerError.economic.emailOnlyWhenBooking":
    'e-conomic can only e-mail an invoice at the moment it is booked. Turn on "E-mail invoices when booking" for e-conomic in Settings, or send this invoice from e-conomic.',
  "ledgerError.economic.bookedNotEmailed":
    "Invoice {number} was booked without being e-mailed, and e-conomic cannot e-mail it afterwards through its API. Send it from e-conomic.",
  "ledgerError.economic.alreadyHas":
    "e-conomic already has this {document} ({state} {id}); it was not created again.",
  "ledgerError.word.number": "number",
  "ledgerError.word.draft": "draft",
  "ledgerError.economic.totalMismatch":
    "e-conomic calculated {theirs} for this {document}, but the {source} total is {ours}. e-conomic computes VAT from net prices and each product group's VAT code, so check the VAT code of the sales accounts used. The draft was removed and nothing was booked.",
  "ledgerError.economic.settleOnlyBooked":
    "e-conomic can only settle a booked invoice or credit note. Book it first.",
  "ledgerError.notAnAccountFor":
    'The deposit account "{account}" for {gateway} is not a {ledger} account number. Choose one in Settings.',
  "ledgerError.economic.productBarred":
    "Product {number} is barred in e-conomic, so it cannot be invoiced. Un-bar it in e-conomic and retry.",
  // Billy's adapter
  "ledgerError.vatHint":
    "The ledger takes VAT from each line's account or product: check the VAT code of the accounts chosen in Settings.",
  "ledgerError.billy.connectionIncomplete":
    "The saved Billy connection is incomplete. Reconnect Billy in Settings with an access token.",
  "ledgerError.billy.noVatRuleset":
    "Billy has no sales VAT ruleset. Set up VAT (moms) in Billy's settings, then retry.",
  "ledgerError.billy.numberTaken": "Billy already has an invoice with number {number}.",
  "ledgerError.billy.alreadyHas": "Billy already has this {document} for {header} (Billy id {id}{number}).",
  "ledgerError.billy.totalMismatch":
    "Billy calculated {theirs} for {header}, but the order total is {ours}. Nothing was booked. Check the VAT settings of the products and the customer in Billy.",
  "ledgerError.billy.rateMismatch":
    "Billy applies {applied} % VAT to \"{description}\" but the order has {ours} %. Nothing was booked. Check the product's VAT ruleset and the customer's country and type in Billy.",
  "ledgerError.billy.alreadyApproved":
    "The invoice is already approved in Billy with number {current}; it cannot be renumbered to {number}.",
  "ledgerError.billy.renumberTotal":
    "Billy computed a different total when renumbering the invoice to {number}; nothing was booked.",
  "ledgerError.billy.notApproved":
    "Billy can only register {what} on an approved document; approve {id} first.",
  "ledgerError.billy.alreadySettled": "Billy already shows {document} as settled.",
  "ledgerError.billy.theDocument": "the document",
  "ledgerError.billy.noPayments":
    'The Billy account "{account}" does not accept payments. Choose a bank or payment account for {gateway} in Settings.',
  "ledgerError.billy.paymentCurrency":
    'Billy cannot register a {currency} payment on the {cashCurrency} account "{account}". Choose a deposit account in {currency} or {baseCurrency} for {gateway} in Settings.',
  "ledgerError.billy.baseCurrency": "the base currency",
  "ledgerError.billy.companyLocked":
    'The Billy company "{company}" is locked. Unlock it in Billy (check the subscription), then retry.',
  "ledgerError.word.thePayment": "the payment",
  "ledgerError.word.theRefund": "the refund",
  // Ledger Bridge's own checks on a ledger
  "ledgerError.notConnected": "No accounting system is connected. Connect one in Ledger Bridge's settings.",
  "ledgerError.invoiceNotFoundForCredit":
    "The invoice for {order} was not found in {ledger}, so its credit note cannot be linked. Transfer the order first.",
  "ledgerError.totalMismatch":
    "{ledger} computed a total of {theirs} but the order's is {ours}; the document was not booked.",
  "ledgerError.journal.unbalanced":
    "The payout entry does not balance (difference {difference}); nothing was booked.",
  "ledgerError.journal.incomplete":
    "The payout entry is incomplete; nothing was booked. Check the payout accounts in Settings.",
  "ledgerError.journal.currency":
    "{ledger}'s manual vouchers are in DKK; a payout in {currency} must be booked by hand.",
  "ledgerError.journal.accountNotNumber":
    'The payout account "{account}" is not an account number in {ledger}. Choose one in Settings.',
  "ledgerError.journal.noFinanceJournal":
    "{ledger} has no journal (kassekladde) that accepts finance vouchers. Create one and retry.",
} as const;

export const ledgerErrorsDa: Record<keyof typeof ledgerErrorsEn, string> = {
  "ledgerError.noDetails": "ingen detaljer oplyst",
  "ledgerError.rateLimited":
    "{ledger} bad os sætte farten ned. Overførslen fortsætter automatisk om et øjeblik.",
  "ledgerError.unavailable": "{ledger} svarer ikke korrekt lige nu. Overførslen prøves automatisk igen.",
  "ledgerError.retiring":
    "{ledger} udfaser et endpoint, som appen bruger. Opdatér Ledger Bridge; overførslen prøves igen.",
  "ledgerError.timeout": "{ledger} svarede ikke i tide. Overførslen prøves automatisk igen.",
  "ledgerError.network": "Kunne ikke få forbindelse til {ledger}. Overførslen prøves automatisk igen.",
  "ledgerError.unexpectedStatus":
    "{ledger} gav et uventet svar (HTTP {status}). Prøv igen senere; kontakt support, hvis det bliver ved.",
  "ledgerError.unreadable":
    "{ledger} sendte et svar, vi ikke kunne læse. Tjek dokumentet i {ledger}, før du prøver igen.",
  "ledgerError.unknownRequest": "{ledger} genkendte ikke vores forespørgsel. Kontakt Ledger Bridges support.",
  "ledgerError.refused":
    "{ledger} afviste dataene: {reason}. Ret det i ordren, i {ledger} eller i indstillingerne for {ledger} i Ledger Bridge, og prøv så overførslen igen.",
  "ledgerError.notFound":
    "{ledger} kunne ikke finde dokumentet eller posten (den kan være slettet i {ledger}).",
  "ledgerError.duplicate":
    "{ledger} har allerede denne post ({reason}). Tjek dokumentet i {ledger}, før du prøver igen.",
  "ledgerError.existingUsed": "Posten findes allerede i {ledger}; den eksisterende bruges.",
  "ledgerError.changedMeanwhile":
    "Dokumentet blev ændret i {ledger} samtidig. Prøv overførslen igen for at bruge den nyeste version.",
  "ledgerError.numberTaken":
    "Fakturanummeret er allerede brugt i {ledger}. Slå faste fakturanumre fra under Indstillinger, eller ret nummereringen i {ledger}, og prøv så igen.",
  "ledgerError.alreadyBooked": "Dokumentet er allerede bogført i {ledger}.",
  "ledgerError.tooLarge": "Filen er større, end {ledger} accepterer ({limit}).",
  "ledgerError.amountPrecision":
    "{ledger} accepterer højst {decimals} decimaler, men beløbet {amount} har flere. Afrund prisen i butikken.",
  "ledgerError.amountUnreadable":
    "{ledger} oplyste beløbet {amount}, som {currency} ikke kan rumme. Tjek dokumentet i {ledger}, før du prøver igen.",
  "ledgerError.dinero.unauthorized":
    "Dinero accepterer ikke længere vores adgang. Forbind Dinero igen under Indstillinger.",
  "ledgerError.dinero.noAccess":
    "Det forbundne Dinero-login har ikke adgang til denne organisation. Forbind Dinero igen under Indstillinger med en bruger, der kan åbne den.",
  "ledgerError.dinero.noPro":
    "Din Dinero-organisation har intet aktivt Pro-abonnement, som Dinero kræver til integrationer. Opgradér til Dinero Pro eller Total, og prøv så igen.",
  "ledgerError.dinero.badClient":
    "Dinero afviste klient-id eller klienthemmelighed. Tjek dem under Indstillinger, eller forbind Dinero igen.",
  "ledgerError.dinero.apiKey":
    "Dinero afviste API-nøglen. Opret en ny API-nøgle i Dinero, og indtast den under Indstillinger.",
  "ledgerError.dinero.loginExpired":
    "Dit Dinero-login er udløbet eller tilbagekaldt. Forbind Dinero igen under Indstillinger.",
  "ledgerError.dinero.connectFailed":
    "Forbindelsen til Dinero mislykkedes. Start forbindelsen forfra under Indstillinger.",
  "ledgerError.billy.unauthorized":
    "Billy afviste adgangsnøglen. Opret en ny adgangsnøgle i Billy under Indstillinger → Adgangsnøgler, og forbind Billy igen under Indstillinger.",
  "ledgerError.billy.forbidden":
    "Billy nægtede adgang til denne virksomhed med den gemte adgangsnøgle. Tjek, at nøglen hører til den rigtige virksomhed, og forbind så Billy igen under Indstillinger.",
  "ledgerError.economic.unauthorized":
    "e-conomic afviste Ledger Bridges adgang: aftaletilladelsen er forkert eller tilbagekaldt. Forbind e-conomic igen under Indstillinger.",
  "ledgerError.economic.forbidden":
    "e-conomic nægtede adgang: brugeren, der forbandt Ledger Bridge, mangler de rettigheder eller moduler, det kræver. Forbind e-conomic igen under Indstillinger som administrator.",
  "ledgerError.dynaccount.credentials":
    "Dynaccount afviste API-oplysningerne. Kopiér API-id, API-nøgle og API-hemmelighed igen fra Administration > Virksomheder i Dynaccount, og forbind Dynaccount igen under Indstillinger.",
  // Dinero's adapter
  "ledgerError.connectionIncomplete":
    "Forbindelsen til {ledger} er ufuldstændig. Forbind {ledger} igen under Indstillinger.",
  "ledgerError.kindMixup": "Ledger Bridge forvekslede en faktura og en kreditnota. Kontakt support.",
  "ledgerError.referenceTooLong":
    "Dokumentets reference er længere end de {max} tegn, {ledger} tillader. Kontakt support.",
  "ledgerError.dinero.chooseOrganisation":
    "Vælg under Indstillinger, hvilken Dinero-organisation der skal overføres til.",
  "ledgerError.dinero.loginServiceUnreadable":
    "Dineros login-tjeneste gav et uventet svar. Prøv at forbinde igen.",
  "ledgerError.dinero.organisationUnreachable":
    "Det forbundne Dinero-login kan ikke åbne den valgte organisation. Forbind Dinero igen, eller vælg en anden organisation under Indstillinger.",
  "ledgerError.dinero.proRequired":
    "Dinero åbner kun sit API for organisationer med et Pro- eller Total-abonnement. Opgradér i Dinero, og forbind så igen.",
  "ledgerError.dinero.amountMismatch":
    'Dinero beregnede {what} til {theirs} for "{description}", men ordrens {what} er {ours}. Dinero tager momsen fra hver linjes konto: kontrollér momskoden på de konti, der er valgt under Indstillinger. Denne {document} blev efterladt som en ikke-bogført kladde.',
  "ledgerError.dinero.noDkkValue":
    "Dinero oplyste ikke DKK-værdien af denne {document}, så betalingen kunne ikke omregnes. Registrér den manuelt i Dinero.",
  "ledgerError.dinero.notAnAccount":
    '"{account}" er ikke et kontonummer i Dinero. Vælg konti igen under Indstillinger.',
  "ledgerError.word.invoice": "faktura",
  "ledgerError.word.creditNote": "kreditnota",
  "ledgerError.word.total": "total",
  "ledgerError.word.vat": "moms",
  "ledgerError.word.order": "ordre",
  "ledgerError.word.refund": "refusion",
  // Dynaccount's adapter
  "ledgerError.dynaccount.noLockedNumber":
    "Dynaccount nummererer selv fakturaer, så ordrenummeret kan ikke bruges som fakturanummer. Slå den indstilling fra under Indstillinger.",
  "ledgerError.dynaccount.noMatchValue":
    "Ordren har ingen kunde-{field} at finde kunden i Dynaccount ud fra. Skift indstillingen for kundematch, eller udfyld kunden i butikken.",
  "ledgerError.dynaccount.noDebtorGroupNamed":
    'Dynaccount har ingen debitorgruppe med navnet "{group}". Opret den i Dynaccount, eller skift debitorgruppe under Indstillinger.',
  "ledgerError.dynaccount.noDebtorGroup":
    "Dynaccount har endnu ingen debitorgruppe. Opret en (Debitorer > Grupper), og prøv overførslen igen.",
  "ledgerError.invalidDate": 'Datoen "{date}" er ikke en gyldig dato.',
  "ledgerError.mustBeBooked": "{document} skal være bogført i {ledger}, før vi kan {action} den.",
  "ledgerError.action.credit": "kreditere",
  "ledgerError.action.email": "e-maile",
  "ledgerError.dynaccount.currencyDiffers":
    "Refusionen er i {refundCurrency}, men Dynaccount-faktura {invoice} er i {invoiceCurrency}. Bogfør refusionen manuelt.",
  "ledgerError.dynaccount.totalMismatch":
    "Dynaccount beregnede {theirs} for {header}, men butikkens total er {ours}, så intet blev bogført. Kontrollér momskoder og priser på ordrens linjer.",
  "ledgerError.alreadyHasDocument":
    "{ledger} har allerede denne {document}{number}, så den blev ikke oprettet to gange.",
  "ledgerError.dynaccount.noLines":
    "Dokumentet har ingen linjer, så der er intet at overføre til Dynaccount.",
  "ledgerError.dynaccount.noVatCode":
    "Dynaccount har ingen dansk momskode for {percent} %. Kontrollér momsindstillingerne for ordrens varer.",
  "ledgerError.paymentNeedsBooking": "{document} skal være bogført, før en betaling kan registreres.",
  "ledgerError.paymentNotPositive": "Betalingsbeløbet skal være positivt.",
  "ledgerError.dynaccount.rowIncomplete": "Dynaccount returnerede ikke nummer og kunde for {document}.",
  // e-conomic's adapter
  "ledgerError.economic.vatZones": "e-conomics momszoner (indland, EU, udland) kunne ikke genkendes.",
  "ledgerError.economic.noCustomerGroups":
    "e-conomic-aftalen har ingen kundegrupper. Opret en i e-conomic først.",
  "ledgerError.economic.noPaymentTermsDays":
    'e-conomic har ingen betalingsbetingelse "netto {days} dage". Opret den i e-conomic (Indstillinger → Betalingsbetingelser), og prøv igen.',
  "ledgerError.economic.noNetPaymentTerms":
    "e-conomic har ingen netto-betalingsbetingelser. Opret nogle i e-conomic først.",
  "ledgerError.economic.noLayout": "e-conomic har intet fakturalayout. Opret et i e-conomic først.",
  "ledgerError.economic.noProductGroup":
    "Ingen varegruppe i e-conomic bogfører salg på konto {account}. Opret i e-conomic en varegruppe med salgskonto {account}, eller vælg en anden konto i Ledger Bridge.",
  "ledgerError.economic.noPaymentJournal": "e-conomic har ingen kassekladde, der accepterer kundebetalinger.",
  "ledgerError.economic.noAccountingYear":
    "e-conomic har intet regnskabsår for {date}. Opret det i e-conomic, og prøv igen.",
  "ledgerError.economic.yearClosed":
    "e-conomics regnskabsår {year} er lukket, så en betaling den {date} kan ikke indtastes.",
  "ledgerError.economic.productNotPrepared":
    "Varen {sku} blev ikke oprettet i e-conomic før fakturaen. Prøv overførslen igen.",
  "ledgerError.economic.emailOnlyWhenBooking":
    'e-conomic kan kun e-maile en faktura i det øjeblik, den bogføres. Slå "E-mail fakturaer ved bogføring" til for e-conomic under Indstillinger, eller send fakturaen fra e-conomic.',
  "ledgerError.economic.bookedNotEmailed":
    "Faktura {number} blev bogført uden at blive e-mailet, og e-conomic kan ikke e-maile den bagefter via sit API. Send den fra e-conomic.",
  "ledgerError.economic.alreadyHas":
    "e-conomic har allerede denne {document} ({state} {id}); den blev ikke oprettet igen.",
  "ledgerError.word.number": "nummer",
  "ledgerError.word.draft": "kladde",
  "ledgerError.economic.totalMismatch":
    "e-conomic beregnede {theirs} for denne {document}, men totalen for {source} er {ours}. e-conomic beregner moms ud fra nettopriser og hver varegruppes momskode, så kontrollér momskoden på de anvendte salgskonti. Kladden blev fjernet, og intet blev bogført.",
  "ledgerError.economic.settleOnlyBooked":
    "e-conomic kan kun udligne en bogført faktura eller kreditnota. Bogfør den først.",
  "ledgerError.notAnAccountFor":
    'Indbetalingskontoen "{account}" for {gateway} er ikke et kontonummer i {ledger}. Vælg en under Indstillinger.',
  "ledgerError.economic.productBarred":
    "Varen {number} er spærret i e-conomic, så den kan ikke faktureres. Ophæv spærringen i e-conomic, og prøv igen.",
  // Billy's adapter
  "ledgerError.vatHint":
    "Regnskabsprogrammet tager momsen fra hver linjes konto eller vare: kontrollér momskoden på de konti, der er valgt under Indstillinger.",
  "ledgerError.billy.connectionIncomplete":
    "Den gemte Billy-forbindelse er ufuldstændig. Forbind Billy igen under Indstillinger med en adgangsnøgle.",
  "ledgerError.billy.noVatRuleset":
    "Billy har intet momsregelsæt for salg. Opsæt moms i Billys indstillinger, og prøv så igen.",
  "ledgerError.billy.numberTaken": "Billy har allerede en faktura med nummer {number}.",
  "ledgerError.billy.alreadyHas": "Billy har allerede denne {document} for {header} (Billy-id {id}{number}).",
  "ledgerError.billy.totalMismatch":
    "Billy beregnede {theirs} for {header}, men ordrens total er {ours}. Intet blev bogført. Kontrollér momsindstillingerne for varerne og kunden i Billy.",
  "ledgerError.billy.rateMismatch":
    'Billy anvender {applied} % moms på "{description}", men ordren har {ours} %. Intet blev bogført. Kontrollér varens momsregelsæt og kundens land og type i Billy.',
  "ledgerError.billy.alreadyApproved":
    "Fakturaen er allerede godkendt i Billy med nummer {current}; den kan ikke omnummereres til {number}.",
  "ledgerError.billy.renumberTotal":
    "Billy beregnede en anden total ved omnummereringen af fakturaen til {number}; intet blev bogført.",
  "ledgerError.billy.notApproved":
    "Billy kan kun registrere {what} på et godkendt dokument; godkend {id} først.",
  "ledgerError.billy.alreadySettled": "Billy viser allerede {document} som udlignet.",
  "ledgerError.billy.theDocument": "dokumentet",
  "ledgerError.billy.noPayments":
    'Billy-kontoen "{account}" modtager ikke betalinger. Vælg en bank- eller betalingskonto for {gateway} under Indstillinger.',
  "ledgerError.billy.paymentCurrency":
    'Billy kan ikke registrere en betaling i {currency} på kontoen "{account}" i {cashCurrency}. Vælg en indbetalingskonto i {currency} eller {baseCurrency} for {gateway} under Indstillinger.',
  "ledgerError.billy.baseCurrency": "grundvalutaen",
  "ledgerError.billy.companyLocked":
    'Billy-virksomheden "{company}" er låst. Lås den op i Billy (tjek abonnementet), og prøv så igen.',
  "ledgerError.word.thePayment": "betalingen",
  "ledgerError.word.theRefund": "refusionen",
  // Ledger Bridge's own checks on a ledger
  "ledgerError.notConnected":
    "Der er ikke forbundet noget regnskabsprogram. Forbind et under Ledger Bridges indstillinger.",
  "ledgerError.invoiceNotFoundForCredit":
    "Fakturaen for {order} blev ikke fundet i {ledger}, så dens kreditnota kan ikke knyttes til den. Overfør ordren først.",
  "ledgerError.totalMismatch":
    "{ledger} beregnede en total på {theirs}, men ordrens er {ours}; dokumentet blev ikke bogført.",
  "ledgerError.journal.unbalanced":
    "Udbetalingens postering stemmer ikke (difference {difference}); intet blev bogført.",
  "ledgerError.journal.incomplete":
    "Udbetalingens postering er ufuldstændig; intet blev bogført. Kontrollér udbetalingskontiene under Indstillinger.",
  "ledgerError.journal.currency":
    "Kassekladdebilag i {ledger} er i DKK; en udbetaling i {currency} skal bogføres manuelt.",
  "ledgerError.journal.accountNotNumber":
    'Udbetalingskontoen "{account}" er ikke et kontonummer i {ledger}. Vælg en under Indstillinger.',
  "ledgerError.journal.noFinanceJournal":
    "{ledger} har ingen kassekladde, der tager finansbilag. Opret en, og prøv igen.",
};
