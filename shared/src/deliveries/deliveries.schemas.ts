// Filled by the module's branch (issue 15).
export {};
