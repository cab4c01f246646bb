export const AGENT = "chatagent";
