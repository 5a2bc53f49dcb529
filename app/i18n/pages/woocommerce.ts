// Strings of the WooCommerce pages (connect, connected, the settings link, log out). Keys start with "woo.";
// Danish must cover every English key.
export const woocommerceEn = {
  "woo.connect.title": "Connect your WooCommerce store",
  "woo.connect.missingShop":
    "Open this page from the Ledger Bridge plugin in WordPress: WooCommerce › Settings › Ledger Bridge › Connect.",
  "woo.connect.invalidAddress":
    "{store} is not a store address Ledger Bridge can connect to. Use the store's public https:// address.",
  "woo.connect.busy":
    "Too many connection attempts are waiting to be finished. Finish the one you started in WooCommerce, or try again in 30 minutes.",
  "woo.connected.title": "Your WooCommerce store is connected",
  "woo.connected.body":
    "Ledger Bridge can now read the orders and refunds of {store}, and receives its order webhooks ({count} registered).",
  "woo.connected.plugin":
    "The Ledger Bridge plugin received its store secret: the Transfer buttons in WordPress work now.",
  "woo.connected.pluginMissing":
    "The Ledger Bridge plugin is not active in the store yet. Install and activate it, then click Connect again so it receives its store secret.",
  "woo.connected.next":
    "Next, connect your accounting system and choose which order statuses are transferred.",
  "woo.failed.title": "The store was not connected",
  "woo.failed.invalidUrl": "The store address is not valid.",
  "woo.failed.invalidReturn":
    "WooCommerce sent you back without the connection details. Start again from the plugin's Connect button.",
  "woo.failed.expired": "This connection attempt has expired or was already used. Click Connect again.",
  "woo.failed.denied":
    "The connection was not approved in WooCommerce. Click Connect again and choose Approve.",
  "woo.failed.noKeys":
    "WooCommerce did not deliver the API keys to Ledger Bridge. The store must be able to reach Ledger Bridge over HTTPS; check firewalls and security plugins, then click Connect again.",
  "woo.failed.rejectedKeys":
    "WooCommerce rejected the API keys. Check them under WooCommerce › Settings › Advanced › REST API; the key must belong to a shop manager or administrator.",
  "woo.failed.readOnlyKeys":
    "The API key can read but not write. Give it Read/Write permission under WooCommerce › Settings › Advanced › REST API.",
  "woo.failed.noRestApi":
    "The WooCommerce REST API was not found at this address. Check the address, and that WordPress permalinks are not set to 'Plain'.",
  "woo.failed.unreachable": "Your store could not be reached. Check the address and try again in a moment.",
  "woo.settings.invalidToken":
    "This link has expired, was already used, or is not valid. Open Ledger Bridge again from WooCommerce › Settings › Ledger Bridge.",
  "woo.logout.title": "You are logged out of Ledger Bridge",
  "woo.logout.body":
    "To open Ledger Bridge again, go to WooCommerce › Settings › Ledger Bridge in WordPress and click Open Ledger Bridge.",
  "woo.mode.store": "WooCommerce store {store}",
  "woo.signIn.title": "Open Ledger Bridge from WordPress",
  "woo.signIn.body":
    "This Ledger Bridge serves WooCommerce stores. Sign in to WordPress, go to WooCommerce › Settings › Ledger Bridge and click Open Ledger Bridge.",
} as const;

export const woocommerceDa: Record<keyof typeof woocommerceEn, string> = {
  "woo.connect.title": "Forbind din WooCommerce-butik",
  "woo.connect.missingShop":
    "Åbn denne side fra Ledger Bridge-pluginnet i WordPress: WooCommerce › Indstillinger › Ledger Bridge › Forbind.",
  "woo.connect.invalidAddress":
    "{store} er ikke en butiksadresse, Ledger Bridge kan forbinde til. Brug butikkens offentlige https://-adresse.",
  "woo.connect.busy":
    "For mange forbindelsesforsøg venter på at blive gjort færdige. Gør det forsøg færdigt, du startede i WooCommerce, eller prøv igen om 30 minutter.",
  "woo.connected.title": "Din WooCommerce-butik er forbundet",
  "woo.connected.body":
    "Ledger Bridge kan nu læse ordrer og refusioner fra {store} og modtager butikkens ordre-webhooks ({count} oprettet).",
  "woo.connected.plugin":
    "Ledger Bridge-pluginnet har fået sin butiksnøgle: Overfør-knapperne i WordPress virker nu.",
  "woo.connected.pluginMissing":
    "Ledger Bridge-pluginnet er endnu ikke aktivt i butikken. Installér og aktivér det, og klik så Forbind igen, så det får sin butiksnøgle.",
  "woo.connected.next": "Forbind derefter dit regnskabsprogram, og vælg hvilke ordrestatusser der overføres.",
  "woo.failed.title": "Butikken blev ikke forbundet",
  "woo.failed.invalidUrl": "Butiksadressen er ikke gyldig.",
  "woo.failed.invalidReturn":
    "WooCommerce sendte dig tilbage uden forbindelsesoplysningerne. Start forfra med pluginnets Forbind-knap.",
  "woo.failed.expired": "Forbindelsesforsøget er udløbet eller allerede brugt. Klik Forbind igen.",
  "woo.failed.denied": "Forbindelsen blev ikke godkendt i WooCommerce. Klik Forbind igen og vælg Godkend.",
  "woo.failed.noKeys":
    "WooCommerce leverede ikke API-nøglerne til Ledger Bridge. Butikken skal kunne nå Ledger Bridge over HTTPS; tjek firewall og sikkerhedsplugins, og klik så Forbind igen.",
  "woo.failed.rejectedKeys":
    "WooCommerce afviste API-nøglerne. Tjek dem under WooCommerce › Indstillinger › Avanceret › REST API; nøglen skal tilhøre en butiksadministrator eller administrator.",
  "woo.failed.readOnlyKeys":
    "API-nøglen kan læse, men ikke skrive. Giv den Læse/skrive-adgang under WooCommerce › Indstillinger › Avanceret › REST API.",
  "woo.failed.noRestApi":
    "WooCommerce REST API blev ikke fundet på adressen. Tjek adressen, og at WordPress-permalinks ikke står til 'Almindelig'.",
  "woo.failed.unreachable": "Din butik kunne ikke nås. Tjek adressen, og prøv igen om lidt.",
  "woo.settings.invalidToken":
    "Linket er udløbet, allerede brugt eller ugyldigt. Åbn Ledger Bridge igen fra WooCommerce › Indstillinger › Ledger Bridge.",
  "woo.logout.title": "Du er logget ud af Ledger Bridge",
  "woo.logout.body":
    "Åbn Ledger Bridge igen fra WordPress: WooCommerce › Indstillinger › Ledger Bridge › Åbn Ledger Bridge.",
  "woo.mode.store": "WooCommerce-butikken {store}",
  "woo.signIn.title": "Åbn Ledger Bridge fra WordPress",
  "woo.signIn.body":
    "Denne Ledger Bridge betjener WooCommerce-butikker. Log ind i WordPress, gå til WooCommerce › Indstillinger › Ledger Bridge, og klik på Åbn Ledger Bridge.",
};
