export const D = 1;
