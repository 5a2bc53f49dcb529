// Strings of the onboarding pages. Keys start with "onboarding."; Danish must cover every English key.
export const onboardingEn = {
  "onboarding.title": "Connect your accounting system",
  "onboarding.intro":
    "Ledger Bridge books your orders in your own accounting system. Choose it, give Ledger Bridge access, and pick the company to book in.",
  "onboarding.connected.title": "Connected to {ledger}",
  "onboarding.connected.organisation": "Company: {name}",
  "onboarding.connected.noOrganisation": "No company chosen yet",
  "onboarding.connected.since": "Connected since {date}",
  "onboarding.change": "Change accounting system",
  "onboarding.cancelChange": "Keep the current connection",
  "onboarding.disconnect": "Disconnect",
  "onboarding.disconnected":
    "The accounting system is disconnected. Orders wait in the queue until you connect one again.",
  "onboarding.saved": "Connected to {ledger} ({organisation}).",
  "onboarding.goToSettings": "Go to settings",
  "onboarding.pick.title": "Accounting system",
  "onboarding.pick.label": "Which accounting system do you use?",
  "onboarding.pick.placeholder": "Choose…",
  "onboarding.requirements": "What you need",
  "onboarding.keys.title": "Access keys",
  "onboarding.keys.secretNote": "Keys are stored encrypted and are never shown again.",
  "onboarding.test": "Test connection",
  "onboarding.test.ok": "The connection works. {ledger} gave access to {count} company(ies).",
  "onboarding.test.failed": "The connection did not work",
  "onboarding.test.fixFields": "Fill in the marked fields.",
  "onboarding.organisation": "Company to book in",
  "onboarding.save": "Save connection",
  "onboarding.save.testFirst": "Test the connection first, then choose the company.",
  "onboarding.error.required": "Required",
  "onboarding.error.unknownOrganisation": "Choose one of the companies {ledger} listed.",
  "onboarding.chooseOrganisation.title": "Choose the company",
  "onboarding.chooseOrganisation.description":
    "Your login reaches several companies. Choose the one your webshop's orders belong to.",
  "onboarding.chooseOrganisation.save": "Use this company",
  "onboarding.dinero.oauth.title": "Connect with Dinero",
  "onboarding.dinero.oauth.description":
    "Log in with your Visma account and allow Ledger Bridge to book in Dinero. You come back here afterwards.",
  "onboarding.dinero.oauth.button": "Connect with Dinero",
  "onboarding.dinero.oauth.redirecting": "Opening Dinero's login…",
  "onboarding.dinero.oauth.unavailable":
    "Connect with Dinero is not set up on this installation (DINERO_CLIENT_ID and DINERO_CLIENT_SECRET). Use a personal integration below.",
  "onboarding.dinero.personal.title": "Or connect a personal integration",
  "onboarding.ledger.dinero.requirements":
    "A Dinero Pro or Total subscription: Dinero only opens its API to paying Pro companies. For a personal integration you also need a client ID and secret from Dinero and an API key created in your company.",
  "onboarding.ledger.billy.requirements":
    "A Billy company with VAT set up, and an access token created under Settings → Access tokens. The token belongs to that one company.",
  "onboarding.ledger.economic.requirements":
    "A paid e-conomic agreement (the demo agreement cannot create invoices), and an e-conomic developer app: its app secret token and the agreement grant token you receive when an administrator approves the app.",
  "onboarding.ledger.dynaccount.requirements":
    "An active Dynaccount subscription. An administrator copies the company's API ID, API key and API secret from Administration → Virksomheder.",
  "onboarding.field.dinero.clientId.label": "Client ID",
  "onboarding.field.dinero.clientId.help":
    "Issued by Dinero for your personal integration (request it in Dinero under Integrationer, or from api@dinero.dk).",
  "onboarding.field.dinero.clientSecret.label": "Client secret",
  "onboarding.field.dinero.clientSecret.help": "Issued together with the client ID. Keep it private.",
  "onboarding.field.dinero.apiKey.label": "API key",
  "onboarding.field.dinero.apiKey.help":
    "Create it in Dinero under Indstillinger → Integrationer → API-nøgler. It belongs to one company.",
  "onboarding.field.billy.accessToken.label": "Access token",
  "onboarding.field.billy.accessToken.help":
    "In Billy, open Settings → Access tokens, create a token named e.g. “Ledger Bridge”, show it with the magnifier icon and paste it here.",
  "onboarding.field.billy.organizationId.label": "Company ID (optional)",
  "onboarding.field.billy.organizationId.help":
    "Leave empty for a company access token. Only needed when the token belongs to a user with several companies.",
  "onboarding.field.economic.appSecretToken.label": "App secret token",
  "onboarding.field.economic.appSecretToken.help":
    "From your app in e-conomic's developer portal (Apps → your app → secret token).",
  "onboarding.field.economic.agreementGrantToken.label": "Agreement grant token",
  "onboarding.field.economic.agreementGrantToken.help":
    "Shown after an administrator of the agreement approves your app's installation link.",
  "onboarding.field.dynaccount.apiId.label": "API ID",
  "onboarding.field.dynaccount.apiId.help":
    "The number identifying the company's books (Administration → Virksomheder).",
  "onboarding.field.dynaccount.apiKey.label": "API key",
  "onboarding.field.dynaccount.apiKey.help": "The company's 40-character API key.",
  "onboarding.field.dynaccount.apiSecret.label": "API secret",
  "onboarding.field.dynaccount.apiSecret.help":
    "The 40-character API secret. It signs every request and is never sent itself.",
  "onboarding.field.dynaccount.draftName.label": "Booking draft for payments (optional)",
  "onboarding.field.dynaccount.draftName.help":
    "The kassekladde that receives payment and refund vouchers for your review. Default “Ledger Bridge”; created if missing.",
  "onboarding.field.dynaccount.debtorGroup.label": "Debtor group for new customers (optional)",
  "onboarding.field.dynaccount.debtorGroup.help": "Default: the first debtor group in Dynaccount.",
  "onboarding.callback.invalid.title": "This connection link is not valid",
  "onboarding.callback.invalid.body":
    "It has expired or was not started from Ledger Bridge. Open Ledger Bridge and connect again.",
  "onboarding.callback.denied.title": "Dinero was not connected",
  "onboarding.callback.denied.body": "Access was not granted. You can connect again from Ledger Bridge.",
  "onboarding.callback.failed.title": "Dinero could not be connected",
  "onboarding.callback.back": "Back to Ledger Bridge",
} as const;

export const onboardingDa: Record<keyof typeof onboardingEn, string> = {
  "onboarding.title": "Forbind dit regnskabsprogram",
  "onboarding.intro":
    "Ledger Bridge bogfører dine ordrer i dit eget regnskabsprogram. Vælg det, giv Ledger Bridge adgang, og vælg den virksomhed, der skal bogføres i.",
  "onboarding.connected.title": "Forbundet med {ledger}",
  "onboarding.connected.organisation": "Virksomhed: {name}",
  "onboarding.connected.noOrganisation": "Der er endnu ikke valgt en virksomhed",
  "onboarding.connected.since": "Forbundet siden {date}",
  "onboarding.change": "Skift regnskabsprogram",
  "onboarding.cancelChange": "Behold den nuværende forbindelse",
  "onboarding.disconnect": "Afbryd forbindelsen",
  "onboarding.disconnected":
    "Forbindelsen til regnskabsprogrammet er afbrudt. Ordrerne venter i køen, til du forbinder et igen.",
  "onboarding.saved": "Forbundet med {ledger} ({organisation}).",
  "onboarding.goToSettings": "Gå til indstillinger",
  "onboarding.pick.title": "Regnskabsprogram",
  "onboarding.pick.label": "Hvilket regnskabsprogram bruger du?",
  "onboarding.pick.placeholder": "Vælg…",
  "onboarding.requirements": "Det skal du bruge",
  "onboarding.keys.title": "Adgangsnøgler",
  "onboarding.keys.secretNote": "Nøglerne gemmes krypteret og vises aldrig igen.",
  "onboarding.test": "Test forbindelsen",
  "onboarding.test.ok": "Forbindelsen virker. {ledger} gav adgang til {count} virksomhed(er).",
  "onboarding.test.failed": "Forbindelsen virkede ikke",
  "onboarding.test.fixFields": "Udfyld de markerede felter.",
  "onboarding.organisation": "Virksomhed, der skal bogføres i",
  "onboarding.save": "Gem forbindelsen",
  "onboarding.save.testFirst": "Test forbindelsen først, og vælg derefter virksomheden.",
  "onboarding.error.required": "Skal udfyldes",
  "onboarding.error.unknownOrganisation": "Vælg en af de virksomheder, {ledger} viste.",
  "onboarding.chooseOrganisation.title": "Vælg virksomheden",
  "onboarding.chooseOrganisation.description":
    "Dit login giver adgang til flere virksomheder. Vælg den, som webshoppens ordrer hører til.",
  "onboarding.chooseOrganisation.save": "Brug denne virksomhed",
  "onboarding.dinero.oauth.title": "Forbind med Dinero",
  "onboarding.dinero.oauth.description":
    "Log ind med din Visma-konto, og giv Ledger Bridge lov til at bogføre i Dinero. Bagefter kommer du tilbage hertil.",
  "onboarding.dinero.oauth.button": "Forbind med Dinero",
  "onboarding.dinero.oauth.redirecting": "Åbner Dineros login…",
  "onboarding.dinero.oauth.unavailable":
    "Forbind med Dinero er ikke sat op på denne installation (DINERO_CLIENT_ID og DINERO_CLIENT_SECRET). Brug en personlig integration herunder.",
  "onboarding.dinero.personal.title": "Eller forbind en personlig integration",
  "onboarding.ledger.dinero.requirements":
    "Et Dinero Pro- eller Total-abonnement: Dinero åbner kun sit API for betalende Pro-virksomheder. Til en personlig integration skal du også have et klient-id og en klientnøgle fra Dinero og en API-nøgle oprettet i din virksomhed.",
  "onboarding.ledger.billy.requirements":
    "En Billy-virksomhed med moms sat op og en adgangsnøgle oprettet under Indstillinger → Adgangsnøgler. Nøglen hører til netop den virksomhed.",
  "onboarding.ledger.economic.requirements":
    "En betalt e-conomic-aftale (demoaftalen kan ikke oprette fakturaer) og en e-conomic-udviklerapp: dens app secret token og det agreement grant token, du får, når en administrator godkender appen.",
  "onboarding.ledger.dynaccount.requirements":
    "Et aktivt Dynaccount-abonnement. En administrator kopierer virksomhedens API ID, API-nøgle og API-hemmelighed fra Administration → Virksomheder.",
  "onboarding.field.dinero.clientId.label": "Klient-id",
  "onboarding.field.dinero.clientId.help":
    "Udstedes af Dinero til din personlige integration (bestil det i Dinero under Integrationer eller hos api@dinero.dk).",
  "onboarding.field.dinero.clientSecret.label": "Klientnøgle",
  "onboarding.field.dinero.clientSecret.help": "Udstedes sammen med klient-id'et. Hold den hemmelig.",
  "onboarding.field.dinero.apiKey.label": "API-nøgle",
  "onboarding.field.dinero.apiKey.help":
    "Opret den i Dinero under Indstillinger → Integrationer → API-nøgler. Den hører til én virksomhed.",
  "onboarding.field.billy.accessToken.label": "Adgangsnøgle",
  "onboarding.field.billy.accessToken.help":
    "Åbn Indstillinger → Adgangsnøgler i Billy, opret en nøgle med navnet fx »Ledger Bridge«, vis den med forstørrelsesglasset, og indsæt den her.",
  "onboarding.field.billy.organizationId.label": "Virksomheds-id (valgfrit)",
  "onboarding.field.billy.organizationId.help":
    "Lad feltet stå tomt for en virksomheds adgangsnøgle. Det skal kun udfyldes, når nøglen tilhører en bruger med flere virksomheder.",
  "onboarding.field.economic.appSecretToken.label": "App secret token",
  "onboarding.field.economic.appSecretToken.help":
    "Fra din app i e-conomics udviklerportal (Apps → din app → secret token).",
  "onboarding.field.economic.agreementGrantToken.label": "Agreement grant token",
  "onboarding.field.economic.agreementGrantToken.help":
    "Vises, når en administrator af aftalen har godkendt appens installationslink.",
  "onboarding.field.dynaccount.apiId.label": "API ID",
  "onboarding.field.dynaccount.apiId.help":
    "Nummeret på virksomhedens regnskab (Administration → Virksomheder).",
  "onboarding.field.dynaccount.apiKey.label": "API-nøgle",
  "onboarding.field.dynaccount.apiKey.help": "Virksomhedens API-nøgle på 40 tegn.",
  "onboarding.field.dynaccount.apiSecret.label": "API-hemmelighed",
  "onboarding.field.dynaccount.apiSecret.help":
    "API-hemmeligheden på 40 tegn. Den underskriver hver forespørgsel og sendes aldrig selv.",
  "onboarding.field.dynaccount.draftName.label": "Kassekladde til betalinger (valgfri)",
  "onboarding.field.dynaccount.draftName.help":
    "Kassekladden, der modtager bilag for betalinger og refusioner til din gennemgang. Standard er »Ledger Bridge«; den oprettes, hvis den mangler.",
  "onboarding.field.dynaccount.debtorGroup.label": "Debitorgruppe til nye kunder (valgfri)",
  "onboarding.field.dynaccount.debtorGroup.help": "Standard er den første debitorgruppe i Dynaccount.",
  "onboarding.callback.invalid.title": "Linket til forbindelsen er ikke gyldigt",
  "onboarding.callback.invalid.body":
    "Det er udløbet eller blev ikke startet fra Ledger Bridge. Åbn Ledger Bridge, og forbind igen.",
  "onboarding.callback.denied.title": "Dinero blev ikke forbundet",
  "onboarding.callback.denied.body": "Der blev ikke givet adgang. Du kan forbinde igen fra Ledger Bridge.",
  "onboarding.callback.failed.title": "Dinero kunne ikke forbindes",
  "onboarding.callback.back": "Tilbage til Ledger Bridge",
};
