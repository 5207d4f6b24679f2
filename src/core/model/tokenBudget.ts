// A cap on the model tokens (prompt and answer) one heal may use. It is checked before each model
// request, never during one: a request already sent is paid for whatever it costs, and the heal
// stops before the next, saying what the budget was and what was used.

/** The stop reason once `used` has reached `budget`; undefined while there is room or no cap (0). */
export function tokenBudgetStop(budget: number | undefined, used: number): string | undefined {
  if (!budget || budget <= 0 || used < budget) return undefined;
  return `token budget of ${budget} reached (used ${used})`;
}
