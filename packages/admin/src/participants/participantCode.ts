/** A participant code as the server reads it: any case, spaces and dashes ignored. */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');
