// What went wrong reading or writing the shop (Shopify, a WooCommerce store), as the merchant
// reads it. Keys start with "sourceError."; {shop} is the platform's name. Danish must cover
// every English key.
export const sourceErrorsEn = {
  "sourceError.noDetails": "no details given",
  "sourceError.notConnected": "{shop} is not connected to Ledger Bridge here, so its orders cannot be read.",
  "sourceError.unavailable":
    "{shop} could not be reached right now. Ledger Bridge tries again automatically.",
  "sourceError.rateLimited": "{shop} asked us to slow down. We will continue shortly.",
  "sourceError.unexpected": "{shop} gave an unexpected answer. Contact support if this continues.",
  "sourceError.shopify.authentication":
    "Shopify refused Ledger Bridge's access to the shop. Open Ledger Bridge from the Shopify admin to renew it; reinstall the app if this continues.",
  "sourceError.shopify.queryTooLarge":
    "Shopify refused to answer a query for this order because it is too large. Contact Ledger Bridge support.",
  "sourceError.shopify.bulkFailed":
    "Shopify's export of the order history did not finish. Start the import again; contact support if it keeps failing.",
  "sourceError.woocommerce.unreachable":
    "Your WooCommerce store could not be reached. We will try again automatically.",
  "sourceError.woocommerce.authentication":
    "Your WooCommerce store rejected our API keys. They may have been revoked or lack read/write permission: reconnect the store under Ledger Bridge settings.",
  "sourceError.woocommerce.noRestApi":
    "The WooCommerce REST API was not found at the store address. Check the address and that permalinks are enabled.",
  "sourceError.woocommerce.notFound": "The order or resource no longer exists in WooCommerce.",
  "sourceError.woocommerce.rateLimited": "Your store asked us to slow down. We will continue shortly.",
  "sourceError.woocommerce.temporary":
    "Your WooCommerce store had a temporary error. We will try again automatically.",
  "sourceError.woocommerce.rejected": "WooCommerce rejected the request: {reason}.",
  "sourceError.woocommerce.notJson":
    "Your store answered with something other than API data. A plugin printing PHP warnings or a security plugin may interfere.",
  "sourceError.woocommerce.unreadable":
    "WooCommerce returned data we could not read. Contact support with the order number.",
} as const;

export const sourceErrorsDa: Record<keyof typeof sourceErrorsEn, string> = {
  "sourceError.noDetails": "ingen detaljer oplyst",
  "sourceError.notConnected": "{shop} er ikke forbundet til Ledger Bridge her, så ordrerne kan ikke læses.",
  "sourceError.unavailable": "{shop} kunne ikke nås lige nu. Ledger Bridge prøver automatisk igen.",
  "sourceError.rateLimited": "{shop} bad os sætte farten ned. Vi fortsætter om lidt.",
  "sourceError.unexpected": "{shop} gav et uventet svar. Kontakt support, hvis det fortsætter.",
  "sourceError.shopify.authentication":
    "Shopify afviste Ledger Bridges adgang til butikken. Åbn Ledger Bridge fra Shopify-administrationen for at forny den; geninstallér appen, hvis det fortsætter.",
  "sourceError.shopify.queryTooLarge":
    "Shopify ville ikke besvare en forespørgsel for denne ordre, fordi den er for stor. Kontakt Ledger Bridges support.",
  "sourceError.shopify.bulkFailed":
    "Shopifys eksport af ordrehistorikken blev ikke færdig. Start importen igen; kontakt support, hvis den bliver ved med at fejle.",
  "sourceError.woocommerce.unreachable": "Din WooCommerce-butik kunne ikke nås. Vi prøver automatisk igen.",
  "sourceError.woocommerce.authentication":
    "Din WooCommerce-butik afviste vores API-nøgler. De kan være tilbagekaldt eller mangle læse-/skriverettighed: forbind butikken igen under Ledger Bridges indstillinger.",
  "sourceError.woocommerce.noRestApi":
    "WooCommerce REST API'et blev ikke fundet på butikkens adresse. Tjek adressen, og at permalinks er slået til.",
  "sourceError.woocommerce.notFound": "Ordren eller ressourcen findes ikke længere i WooCommerce.",
  "sourceError.woocommerce.rateLimited": "Din butik bad os sætte farten ned. Vi fortsætter om lidt.",
  "sourceError.woocommerce.temporary":
    "Din WooCommerce-butik havde en midlertidig fejl. Vi prøver automatisk igen.",
  "sourceError.woocommerce.rejected": "WooCommerce afviste forespørgslen: {reason}.",
  "sourceError.woocommerce.notJson":
    "Din butik svarede med noget andet end API-data. Et plugin, der udskriver PHP-advarsler, eller et sikkerhedsplugin kan forstyrre.",
  "sourceError.woocommerce.unreadable":
    "WooCommerce returnerede data, vi ikke kunne læse. Kontakt support med ordrenummeret.",
};
