export const helper = () => 'h';
