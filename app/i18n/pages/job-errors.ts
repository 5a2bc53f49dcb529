// Why a transfer job failed, as the merchant reads it. Keys start with "jobError."; Danish must
// cover every English key.
export const jobErrorsEn = {
  "jobError.invalidOrderData":
    "Ledger Bridge cannot use this order's data ({reason}). Retrying will not help: check the order in your shop, then retry it or book it by hand.",
  "jobError.reason.notJson": "it is not valid JSON",
  "jobError.reason.tooDeep": "it is nested too deeply",
  "jobError.reason.unstorable": "the database refused a value in it",
  "jobError.interrupted":
    "The transfer of this order was interrupted {count} times (the worker stopped while handling it). Check the order in the ledger, then retry it.",
  "jobError.leaseExpiring":
    "The worker fell behind and stopped before a ledger write; retrying automatically.",
  "jobError.unexpected": "Unexpected error: {detail}",
  "jobError.missingSetting": "{situation} Choose “{setting}” in Settings, then resume transfers.",
  "jobError.situation.giftCardSold": "The order sells a gift card.",
  "jobError.situation.giftCardPaid": "The order was paid with a gift card.",
  "jobError.situation.storeCredit":
    "Store credit was paid or refunded (the gift-card liability account holds store credit too).",
  "jobError.situation.account": "The order needs an account that is not chosen.",
  "jobError.openSetting": "Open the setting",
  "jobError.withdrawn": "The order was {how} in {platform} before it was transferred",
  "jobError.how.cancelled": "cancelled",
  "jobError.how.failed": "marked as failed",
  "jobError.how.deleted": "deleted",
} as const;

export const jobErrorsDa: Record<keyof typeof jobErrorsEn, string> = {
  "jobError.invalidOrderData":
    "Ledger Bridge kan ikke bruge denne ordres data ({reason}). Et nyt forsøg hjælper ikke: tjek ordren i din butik, og prøv den så igen eller bogfør den manuelt.",
  "jobError.reason.notJson": "de er ikke gyldig JSON",
  "jobError.reason.tooDeep": "de er indlejret for dybt",
  "jobError.reason.unstorable": "databasen afviste en værdi i dem",
  "jobError.interrupted":
    "Overførslen af denne ordre blev afbrudt {count} gange (arbejdsprocessen stoppede undervejs). Tjek ordren i regnskabsprogrammet, og prøv den så igen.",
  "jobError.leaseExpiring":
    "Arbejdsprocessen kom bagud og stoppede før en skrivning til regnskabsprogrammet; der prøves automatisk igen.",
  "jobError.unexpected": "Uventet fejl: {detail}",
  "jobError.missingSetting":
    "{situation} Vælg “{setting}” under Indstillinger, og genoptag så overførslerne.",
  "jobError.situation.giftCardSold": "Ordren sælger et gavekort.",
  "jobError.situation.giftCardPaid": "Ordren er betalt med et gavekort.",
  "jobError.situation.storeCredit":
    "Der er betalt eller refunderet med butikskredit (kontoen for gavekortforpligtelse rummer også butikskredit).",
  "jobError.situation.account": "Ordren skal bruge en konto, der ikke er valgt.",
  "jobError.openSetting": "Åbn indstillingen",
  "jobError.withdrawn": "Ordren blev {how} i {platform}, før den blev overført",
  "jobError.how.cancelled": "annulleret",
  "jobError.how.failed": "markeret som mislykket",
  "jobError.how.deleted": "slettet",
};
