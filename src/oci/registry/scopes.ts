/** Token scopes (Docker's token spec) for repository operations. */

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/** Push scope first: some registries read only the first scope they are given. */
export function pushScopes(repository: string, mountFrom: readonly string[] = []): string[] {
  return [`repository:${repository}:push,pull`, ...mountFrom.filter((r) => r !== repository).map(pullScope)];
}
