// Strings of the demo pages. Keys start with "demo."; Danish must cover every English key.
export const demoEn = {
  "demo.title": "Demo",
  "demo.subtitle": "A simulated Shopify and simulated accounting systems — nothing to sign up for",
  "demo.intro":
    "The orders below live in a local Shopify simulator. Each button changes an order there and sends Shopify's signed webhook to this app, which transfers it to the connected accounting system's simulator.",
  "demo.off.title": "The demo's simulators are off",
  "demo.off.body":
    "DEMO_SIMULATORS is off, so no simulated Shopify or accounting system runs. Start the app without it to use the demo.",
  "demo.noShopify":
    "SHOPIFY_ADMIN_BASE_URL is set, so the demo did not start its own Shopify simulator and cannot create orders.",

  "demo.connection.heading": "Accounting system",
  "demo.connection.simulated": "Connected to the {ledger} simulator ({organisation}).",
  "demo.connection.external":
    "Connected to {ledger}, which is not one of the demo's simulators, so its documents are not shown here.",
  "demo.connection.none":
    "No accounting system is connected yet. Connect a simulator with one click, or on the Accounting system page with the demo keys below.",
  "demo.connection.connect": "Connect the {ledger} simulator",
  "demo.connection.goToConnect": "Open the Accounting system page",
  "demo.credentials.heading": "Demo keys of the simulators",
  "demo.credentials.note":
    "These keys open only the local simulators; they are fake, which is why they can be shown.",
  "demo.credentials.company": "Company: {name}",

  "demo.shop.heading": "Shopify simulator",
  "demo.action.createPaid": "Create paid order",
  "demo.action.createPaid.help": "A paid Danish order; Shopify sends orders/paid and the app transfers it.",
  "demo.action.createWithoutWebhook": "Create order without webhook",
  "demo.action.createWithoutWebhook.help":
    "The order exists only in Shopify: its webhook never arrives. Transfer it from its order page, or let reconciliation catch it.",
  "demo.action.createFailing": "Create an order that will fail",
  "demo.action.createFailing.help":
    "It sells a gift card while no gift-card liability account is chosen, so the transfer stops with a message saying what to fix.",
  "demo.action.createFailing.fixedHelp":
    "A gift-card account is chosen now, so this order will transfer. Clear it in Settings to see the failure again.",
  "demo.action.reconcile": "Catch up missed orders",
  "demo.action.reconcile.help":
    "Runs the daily reconciliation now: paid orders of the last 7 days without a transfer are queued.",

  "demo.action.createPayout": "Create today's payout",
  "demo.action.createPayout.help":
    "Shopify Payments pays out the transferred card orders not paid out yet, minus fees per charge; the app books the payout, emptying the clearing account.",
  "demo.payout.heading": "Latest payout",
  "demo.payout.summary":
    "Payout {payout} of {date}: gross {gross}, fees {fees}, net {net} ({matched}/{orders} orders matched).",
  "demo.payout.voucher": "Ledger voucher: {voucher} ({status})",
  "demo.payout.voucherPending": "Not booked yet ({status})",
  "demo.payout.clearing": "Clearing account {account} balance: {balance}",

  "demo.orders.heading": "Orders in the demo shop",
  "demo.orders.empty": "No orders yet.",
  "demo.orders.order": "Order",
  "demo.orders.customer": "Customer",
  "demo.orders.total": "Total",
  "demo.orders.shopify": "In Shopify",
  "demo.orders.transfer": "Transfer",
  "demo.orders.actions": "Actions",
  "demo.orders.paid": "Paid",
  "demo.orders.fulfilled": "Fulfilled",
  "demo.orders.refunded": "Refunded",
  "demo.orders.noWebhook": "No webhook",
  "demo.orders.notTransferred": "Not transferred",
  "demo.orders.invoiceNumber": "Invoice {number}",
  "demo.orders.creditNoteNumber": "Credit note {number}",
  "demo.orders.creditNote": "Credit note",
  "demo.orders.deliver": "Send webhook",
  "demo.orders.fulfil": "Fulfil",
  "demo.orders.refund": "Refund",
  "demo.orders.open": "Open order",

  "demo.woo.heading": "WooCommerce simulator",
  "demo.woo.intro":
    "A second shop: a WooCommerce store connected to this app with REST keys, booking to the same accounting system as the demo shop. Its orders reach the app through WooCommerce's own signed webhooks.",
  "demo.woo.createPaid": "Create paid WooCommerce order",
  "demo.woo.createPaid.help":
    "A paid Danish order (status Processing); the store sends its signed order.created webhook and the app transfers it.",
  "demo.woo.connecting": "The WooCommerce store is being connected to the app…",
  "demo.woo.connectFailed": "The WooCommerce store could not be connected to the app: {reason}",
  "demo.woo.orders.heading": "Orders in the WooCommerce store",
  "demo.woo.orders.empty": "No WooCommerce orders yet.",
  "demo.woo.orders.store": "In WooCommerce",
  "demo.woo.credentials.heading": "WooCommerce store",
  "demo.woo.credentials.url": "Store URL",
  "demo.woo.credentials.consumerKey": "Consumer key",
  "demo.woo.credentials.consumerSecret": "Consumer secret",

  "demo.status.queued": "Queued",
  "demo.status.waiting": "Waiting",
  "demo.status.running": "Transferring",
  "demo.status.succeeded": "Transferred",
  "demo.status.failed": "Failed",
  "demo.status.skipped": "Skipped",
  "demo.status.needsAttention": "Needs attention",
  "demo.status.handled": "Handled manually",

  "demo.ledger.heading": "Ledger: {ledger}",
  "demo.ledger.headingNone": "Ledger",
  "demo.ledger.none": "Connect a simulator to see the documents it receives.",
  "demo.ledger.empty": "The ledger holds no documents yet.",
  "demo.ledger.document": "Document",
  "demo.ledger.number": "Number",
  "demo.ledger.customer": "Customer",
  "demo.ledger.total": "Total",
  "demo.ledger.state": "State",
  "demo.ledger.invoice": "Invoice",
  "demo.ledger.creditNote": "Credit note",
  "demo.ledger.booked": "Booked",
  "demo.ledger.draft": "Draft",
  "demo.ledger.paid": "Paid",
  "demo.ledger.refundPaid": "Refunded",
  "demo.ledger.unpaid": "Not paid",

  "demo.paused.title": "Automatic transfer is paused",
  "demo.paused.fix": "Book gift cards on account {account}",
  "demo.paused.resume": "Retry and resume",

  "demo.result.created": "Order {name} was created and its orders/paid webhook delivered.",
  "demo.result.createdWithoutWebhook": "Order {name} was created in Shopify; no webhook was sent.",
  "demo.result.createdFailing": "Order {name}, with a gift card, was created and its webhook delivered.",
  "demo.result.delivered": "The webhook for {name} was delivered.",
  "demo.result.fulfilled": "Order {name} was fulfilled and orders/fulfilled delivered.",
  "demo.result.refunded": "A refund of {name} was created and refunds/create delivered.",
  "demo.result.connected":
    "The demo shop is connected to the {ledger} simulator, with settings that book to its accounts.",
  "demo.result.fixed": "Gift cards are now booked on account {account}. Retry the failed transfer.",
  "demo.result.resumed": "{count} failed transfer(s) went back to the queue; automatic transfer is on again.",
  "demo.result.reconciled": "Reconciliation checked {checked} order(s) and queued {enqueued}.",
  "demo.result.noSimulator": "That accounting system's simulator is not running in this demo.",
  "demo.result.noShopify": "The demo's Shopify simulator is not running (SHOPIFY_ADMIN_BASE_URL is set).",
  "demo.result.notListening": "The app is not listening yet. Try again in a moment.",
  "demo.result.webhookRejected": "The app answered {status} to the {topic} webhook.",
  "demo.result.unknownOrder": "That order is not in the demo shop.",
  "demo.result.alreadyFulfilled": "The order is already fulfilled.",
  "demo.result.alreadyRefunded": "The demo refunds an order once.",
  "demo.result.wooCreated":
    "WooCommerce order {name} was created and the store delivered its order.created webhook.",
  "demo.result.noWooCommerce": "The demo's WooCommerce simulator is not running.",
  "demo.result.wooNotConnected": "The demo's WooCommerce store is not connected to the app.",
  "demo.result.wooNoLedger":
    "Connect an accounting system simulator first: the WooCommerce store books to the same one as the demo shop.",
  "demo.result.wooNoWebhook":
    "WooCommerce order {name} was created, but the store has no active webhook, so none was sent.",
  "demo.result.wooWebhookRejected": "The app answered {status} to the webhook for WooCommerce order {name}.",
  "demo.result.payoutCreated":
    "Shopify Payments created payout {payout} for {orders} order(s); the app fetched it to book.",
  "demo.result.payout.noShopify":
    "The demo's Shopify simulator is not running (SHOPIFY_ADMIN_BASE_URL is set).",
  "demo.result.payout.noSimulator":
    "Connect an accounting system simulator first: the payout is booked there.",
  "demo.result.payout.nothingToPayOut":
    "No transferred Shopify Payments order is waiting for a payout. Create a paid order and let it transfer first.",
  "demo.result.invalid": "That request was not understood.",
} as const;

export const demoDa: Record<keyof typeof demoEn, string> = {
  "demo.title": "Demo",
  "demo.subtitle": "Et simuleret Shopify og simulerede regnskabsprogrammer — intet at oprette sig til",
  "demo.intro":
    "Ordrerne nedenfor ligger i en lokal Shopify-simulator. Hver knap ændrer en ordre dér og sender Shopifys signerede webhook til appen, som overfører den til simulatoren for det tilknyttede regnskabsprogram.",
  "demo.off.title": "Demoens simulatorer er slået fra",
  "demo.off.body":
    "DEMO_SIMULATORS er slået fra, så der kører hverken et simuleret Shopify eller regnskabsprogram. Start appen uden den for at bruge demoen.",
  "demo.noShopify":
    "SHOPIFY_ADMIN_BASE_URL er sat, så demoen har ikke startet sin egen Shopify-simulator og kan ikke oprette ordrer.",

  "demo.connection.heading": "Regnskabsprogram",
  "demo.connection.simulated": "Forbundet til {ledger}-simulatoren ({organisation}).",
  "demo.connection.external":
    "Forbundet til {ledger}, som ikke er en af demoens simulatorer, så dens bilag vises ikke her.",
  "demo.connection.none":
    "Der er endnu ikke forbundet et regnskabsprogram. Forbind en simulator med ét klik, eller på siden Regnskabsprogram med demonøglerne nedenfor.",
  "demo.connection.connect": "Forbind {ledger}-simulatoren",
  "demo.connection.goToConnect": "Åbn siden Regnskabsprogram",
  "demo.credentials.heading": "Simulatorernes demonøgler",
  "demo.credentials.note": "Nøglerne åbner kun de lokale simulatorer; de er falske, og derfor kan de vises.",
  "demo.credentials.company": "Virksomhed: {name}",

  "demo.shop.heading": "Shopify-simulator",
  "demo.action.createPaid": "Opret betalt ordre",
  "demo.action.createPaid.help": "En betalt dansk ordre; Shopify sender orders/paid, og appen overfører den.",
  "demo.action.createWithoutWebhook": "Opret ordre uden webhook",
  "demo.action.createWithoutWebhook.help":
    "Ordren findes kun i Shopify: dens webhook kommer aldrig frem. Overfør den fra ordresiden, eller lad afstemningen fange den.",
  "demo.action.createFailing": "Opret en ordre, der fejler",
  "demo.action.createFailing.help":
    "Den sælger et gavekort, mens der ikke er valgt en konto for gavekortgæld, så overførslen stopper med en besked om, hvad der skal rettes.",
  "demo.action.createFailing.fixedHelp":
    "Der er nu valgt en gavekortkonto, så denne ordre bliver overført. Fjern den i Indstillinger for at se fejlen igen.",
  "demo.action.reconcile": "Hent oversete ordrer",
  "demo.action.reconcile.help":
    "Kører den daglige afstemning nu: betalte ordrer fra de sidste 7 dage uden overførsel sættes i kø.",

  "demo.action.createPayout": "Opret dagens udbetaling",
  "demo.action.createPayout.help":
    "Shopify Payments udbetaler de overførte kortordrer, der ikke er udbetalt endnu, fratrukket gebyr pr. betaling; appen bogfører udbetalingen, så mellemregningskontoen går i nul.",
  "demo.payout.heading": "Seneste udbetaling",
  "demo.payout.summary":
    "Udbetaling {payout} den {date}: brutto {gross}, gebyrer {fees}, netto {net} ({matched}/{orders} ordrer afstemt).",
  "demo.payout.voucher": "Bilag i regnskabet: {voucher} ({status})",
  "demo.payout.voucherPending": "Ikke bogført endnu ({status})",
  "demo.payout.clearing": "Saldo på mellemregningskonto {account}: {balance}",

  "demo.orders.heading": "Ordrer i demobutikken",
  "demo.orders.empty": "Ingen ordrer endnu.",
  "demo.orders.order": "Ordre",
  "demo.orders.customer": "Kunde",
  "demo.orders.total": "I alt",
  "demo.orders.shopify": "I Shopify",
  "demo.orders.transfer": "Overførsel",
  "demo.orders.actions": "Handlinger",
  "demo.orders.paid": "Betalt",
  "demo.orders.fulfilled": "Afsendt",
  "demo.orders.refunded": "Refunderet",
  "demo.orders.noWebhook": "Ingen webhook",
  "demo.orders.notTransferred": "Ikke overført",
  "demo.orders.invoiceNumber": "Faktura {number}",
  "demo.orders.creditNoteNumber": "Kreditnota {number}",
  "demo.orders.creditNote": "Kreditnota",
  "demo.orders.deliver": "Send webhook",
  "demo.orders.fulfil": "Afsend",
  "demo.orders.refund": "Refundér",
  "demo.orders.open": "Åbn ordre",

  "demo.woo.heading": "WooCommerce-simulator",
  "demo.woo.intro":
    "En butik mere: en WooCommerce-butik, der er forbundet til appen med REST-nøgler og bogfører i samme regnskabsprogram som demobutikken. Dens ordrer når appen gennem WooCommerces egne signerede webhooks.",
  "demo.woo.createPaid": "Opret betalt WooCommerce-ordre",
  "demo.woo.createPaid.help":
    "En betalt dansk ordre (status Behandler); butikken sender sin signerede order.created-webhook, og appen overfører den.",
  "demo.woo.connecting": "WooCommerce-butikken er ved at blive forbundet til appen …",
  "demo.woo.connectFailed": "WooCommerce-butikken kunne ikke forbindes til appen: {reason}",
  "demo.woo.orders.heading": "Ordrer i WooCommerce-butikken",
  "demo.woo.orders.empty": "Ingen WooCommerce-ordrer endnu.",
  "demo.woo.orders.store": "I WooCommerce",
  "demo.woo.credentials.heading": "WooCommerce-butik",
  "demo.woo.credentials.url": "Butikkens URL",
  "demo.woo.credentials.consumerKey": "Consumer key",
  "demo.woo.credentials.consumerSecret": "Consumer secret",

  "demo.status.queued": "I kø",
  "demo.status.waiting": "Venter",
  "demo.status.running": "Overføres",
  "demo.status.succeeded": "Overført",
  "demo.status.failed": "Fejlet",
  "demo.status.skipped": "Sprunget over",
  "demo.status.needsAttention": "Kræver handling",
  "demo.status.handled": "Håndteret manuelt",

  "demo.ledger.heading": "Regnskab: {ledger}",
  "demo.ledger.headingNone": "Regnskab",
  "demo.ledger.none": "Forbind en simulator for at se de bilag, den modtager.",
  "demo.ledger.empty": "Regnskabet har endnu ingen bilag.",
  "demo.ledger.document": "Bilag",
  "demo.ledger.number": "Nummer",
  "demo.ledger.customer": "Kunde",
  "demo.ledger.total": "I alt",
  "demo.ledger.state": "Status",
  "demo.ledger.invoice": "Faktura",
  "demo.ledger.creditNote": "Kreditnota",
  "demo.ledger.booked": "Bogført",
  "demo.ledger.draft": "Kladde",
  "demo.ledger.paid": "Betalt",
  "demo.ledger.refundPaid": "Tilbagebetalt",
  "demo.ledger.unpaid": "Ikke betalt",

  "demo.paused.title": "Automatisk overførsel er sat på pause",
  "demo.paused.fix": "Bogfør gavekort på konto {account}",
  "demo.paused.resume": "Prøv igen og genoptag",

  "demo.result.created": "Ordre {name} er oprettet, og dens orders/paid-webhook er leveret.",
  "demo.result.createdWithoutWebhook": "Ordre {name} er oprettet i Shopify; der er ikke sendt nogen webhook.",
  "demo.result.createdFailing": "Ordre {name} med et gavekort er oprettet, og dens webhook er leveret.",
  "demo.result.delivered": "Webhooken for {name} er leveret.",
  "demo.result.fulfilled": "Ordre {name} er afsendt, og orders/fulfilled er leveret.",
  "demo.result.refunded": "Der er oprettet en refusion af {name}, og refunds/create er leveret.",
  "demo.result.connected":
    "Demobutikken er forbundet til {ledger}-simulatoren med indstillinger, der bogfører på dens konti.",
  "demo.result.fixed": "Gavekort bogføres nu på konto {account}. Prøv den fejlede overførsel igen.",
  "demo.result.resumed":
    "{count} fejlede overførsler er sat i kø igen; automatisk overførsel er slået til igen.",
  "demo.result.reconciled": "Afstemningen gennemgik {checked} ordre(r) og satte {enqueued} i kø.",
  "demo.result.noSimulator": "Simulatoren for det regnskabsprogram kører ikke i denne demo.",
  "demo.result.noShopify": "Demoens Shopify-simulator kører ikke (SHOPIFY_ADMIN_BASE_URL er sat).",
  "demo.result.notListening": "Appen lytter ikke endnu. Prøv igen om et øjeblik.",
  "demo.result.webhookRejected": "Appen svarede {status} på webhooken {topic}.",
  "demo.result.unknownOrder": "Den ordre findes ikke i demobutikken.",
  "demo.result.alreadyFulfilled": "Ordren er allerede afsendt.",
  "demo.result.alreadyRefunded": "Demoen refunderer en ordre én gang.",
  "demo.result.wooCreated":
    "WooCommerce-ordre {name} er oprettet, og butikken har leveret dens order.created-webhook.",
  "demo.result.noWooCommerce": "Demoens WooCommerce-simulator kører ikke.",
  "demo.result.wooNotConnected": "Demoens WooCommerce-butik er ikke forbundet til appen.",
  "demo.result.wooNoLedger":
    "Forbind først en simulator af et regnskabsprogram: WooCommerce-butikken bogfører i samme som demobutikken.",
  "demo.result.wooNoWebhook":
    "WooCommerce-ordre {name} er oprettet, men butikken har ingen aktiv webhook, så der blev ikke sendt nogen.",
  "demo.result.wooWebhookRejected": "Appen svarede {status} på webhooken for WooCommerce-ordre {name}.",
  "demo.result.payoutCreated":
    "Shopify Payments oprettede udbetaling {payout} for {orders} ordre(r); appen har hentet den til bogføring.",
  "demo.result.payout.noShopify": "Demoens Shopify-simulator kører ikke (SHOPIFY_ADMIN_BASE_URL er sat).",
  "demo.result.payout.noSimulator":
    "Forbind først en simulator af et regnskabsprogram: udbetalingen bogføres dér.",
  "demo.result.payout.nothingToPayOut":
    "Ingen overført Shopify Payments-ordre venter på en udbetaling. Opret en betalt ordre, og lad den blive overført først.",
  "demo.result.invalid": "Anmodningen blev ikke forstået.",
};

/** The outcome messages of the demo's buttons. */
export type DemoResultKey = Extract<keyof typeof demoEn, `demo.result.${string}`>;
