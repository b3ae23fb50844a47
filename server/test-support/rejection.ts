/** Awaits a promise and returns what it rejects with, or undefined when it resolves (to compare errors whole). */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return undefined;
}
