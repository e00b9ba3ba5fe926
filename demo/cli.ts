export async function demoCommand(_a: string[]) { return 0; }
