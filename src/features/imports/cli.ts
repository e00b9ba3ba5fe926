export async function importCommand(_a: string[]) { return 0; }
