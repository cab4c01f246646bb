export const CODER = "coderagent";
