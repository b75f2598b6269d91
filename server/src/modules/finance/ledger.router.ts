// `finance.outstanding` and `finance.statement`: procedures at the top of the finance router.
export const ledgerProcedures = {};
