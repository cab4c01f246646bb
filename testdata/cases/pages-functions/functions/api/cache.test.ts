// a test beside the functions: not deployed
export const env = { ONLY_IN_TESTS: 1 };
