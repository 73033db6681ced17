/** The path of the Node 22 executable. */
declare const node22: string;
export = node22;
