const url = "/agents/coderagent/default";
export const smoke = (base: string) => fetch(base + url);
