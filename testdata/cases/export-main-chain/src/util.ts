export * from "some-shared-pkg";
export const helper = () => "x";
