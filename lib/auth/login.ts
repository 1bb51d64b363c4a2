// Sign-in names are compared folded: staff type "Clerk.Registry", residents type their
// phone with full-width digits or spaces on a Chinese keyboard.
export function normaliseLogin(input: string): string {
  return input.normalize("NFKC").replace(/[\s-]/g, "").toLowerCase().slice(0, 100);
}
