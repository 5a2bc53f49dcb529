// Why a shop product did not reach the ledger (issue 18). Danish must cover every English key.
export const productsEn = {
  "productError.noSku":
    "{product} has no SKU, so it was not created in the ledger: give the variant a SKU in the shop.",
  "productSkip.off": "Product sync is off.",
  "productSkip.excluded": "{product} is not among the products chosen for sync.",
} as const;

export const productsDa: Record<keyof typeof productsEn, string> = {
  "productError.noSku":
    "{product} har intet varenummer (SKU) og er derfor ikke oprettet i bogføringen: giv varianten et varenummer i butikken.",
  "productSkip.off": "Produktsynkronisering er slået fra.",
  "productSkip.excluded": "{product} er ikke blandt de produkter, der er valgt til synkronisering.",
};
