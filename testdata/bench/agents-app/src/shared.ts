export const APPROVAL = { YES: "Yes, confirmed.", NO: "No, denied." } as const;
