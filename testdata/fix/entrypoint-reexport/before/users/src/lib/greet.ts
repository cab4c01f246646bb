export const greet = (who: string) => `hello ${who}`;
