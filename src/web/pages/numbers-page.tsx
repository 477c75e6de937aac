/** Placeholder until the numbers page lands. */
export function NumbersPage() {
  return <section className="page"><h1>Numbers</h1></section>;
}
