export const read = async (ns: KVNamespace | undefined, key: string) => (ns ? ns.get(key) : null);
