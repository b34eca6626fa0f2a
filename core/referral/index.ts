// Referral (hänvisning): the public API for the backend, the workstation and the referral panel.
export * from './catalog';
export * from './catalogFiles';
export * from './distance';
export * from './localities';
export * from './openingHours';
export * from './rank';
export * from './receiptReadiness';
export * from './regionConfig';
export * from './stockholmTime';
export * from './syntheticCatalog';
