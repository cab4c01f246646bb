export const stamp = () => new Date().toISOString()
