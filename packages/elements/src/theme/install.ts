/**
 * Puts `api` in `window.Tote` unless another copy of Tote got there first (the first copy
 * also defined the elements, so its API is the one that drives them). Called before any
 * element is defined, so theme code never sees a Tote event without `window.Tote`.
 *
 * @example
 * installTote({ load })
 */
export function installTote(api: object): void {
  const scope = globalThis as { Tote?: unknown }
  scope.Tote ??= api
}
