export const url = process.env.TEST_API_BASE_URL;
